"""Who may open a day's question, and who may still answer it: each rule once.

`days_open_to` is the rule, as a filter, for lists (the history) and for the one door to
a single day (`get_daily_for_user`), which answers 404 to anyone else. `owns_daily` says
whether the day is the person's to answer, reply to or swap.
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q
from django.http import Http404

from nearer.accounts.models import User
from nearer.couples.models import Membership
from nearer.couples.pairing import Pairing
from nearer.questions.models import Answer, DailyQuestion


def days_open_to(user: User, pairing: Pairing | None) -> Q:
    """Days a person may open: their own solo days, their current couple's days, and
    days of an earlier couple that they answered (where only their own answer shows).

    Earlier couples are looked up first (usually none), so the common case is two
    indexed conditions rather than a scan of every day of every couple."""
    scope = Q(solo_user=user)
    if pairing is not None:
        scope |= Q(couple=pairing.couple)
    earlier = list(
        Membership.objects.filter(user=user, active=False).values_list("couple_id", flat=True)
    )
    if earlier:
        answered = Answer.objects.filter(author=user, couple_id__in=earlier)
        scope |= Q(pk__in=answered.values("daily_id"))
    return scope


def get_daily_for_user(user: User, pairing: Pairing | None, code: UUID) -> DailyQuestion:
    """The only door to a day's question; everyone else gets 404."""
    daily = (
        DailyQuestion.objects.filter(days_open_to(user, pairing), code=code)
        .select_related("question")
        .first()
    )
    if daily is None:
        raise Http404
    return daily


def owns_daily(daily: DailyQuestion, user: User, pairing: Pairing | None) -> bool:
    """Whether this day is the person's own now: their solo day, or their current couple's
    (not a day of an earlier couple, which they may only look back on)."""
    if daily.solo_user_id is not None:
        return daily.solo_user_id == user.pk
    return pairing is not None and daily.couple_id == pairing.couple.pk
