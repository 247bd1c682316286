"""Today's question: handing it out, answering, revealing, replying, swapping.

Every change that depends on who is paired is a `@pairing_write`: it runs in a
transaction with the pairing re-read under the couple's lock, never the one the request
read. Kept pages follow by themselves (nearer.keptpages.freshness).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nearer.accounts.models import User
from nearer.couples.days import today_for
from nearer.couples.pairing import Pairing, pairing_write
from nearer.entries.edits import check_version, save_edit
from nearer.entries.models import Visibility
from nearer.entries.pace import Pace
from nearer.entries.submits import create_once
from nearer.questions import selection
from nearer.questions.access import owns_daily
from nearer.questions.models import Answer, DailyQuestion, ReadMark, Reply

SWAPS_PER_WEEK = 3


class QuestionError(Exception):
    """Something the person can't do right now, with a message fit to show them."""


def history_of(user: User, pairing: Pairing | None) -> QuerySet[DailyQuestion]:
    """The daily questions that belong to this person's current scope."""
    if pairing is not None:
        return DailyQuestion.objects.filter(couple=pairing.couple)
    return DailyQuestion.objects.filter(solo_user=user)


def daily_get_or_create(*, user: User, pairing: Pairing | None) -> DailyQuestion:
    """Today's question for this person (with their partner, if paired).

    Both partners may arrive at the same instant: the choice is deterministic and the
    unique constraint keeps one row, so both always see the same question.
    """
    day = today_for(user, pairing)
    existing = history_of(user, pairing).filter(day=day).select_related("question").first()
    if existing is not None:
        return existing
    return _daily_create(user=user, day=day)


@pairing_write
def _daily_create(*, user: User, day: date, pairing: Pairing | None) -> DailyQuestion:
    history = history_of(user, pairing)
    owner: dict[str, Any] = {"couple": pairing.couple} if pairing else {"solo_user": user}
    seed = str(pairing.couple.code if pairing else user.code)
    focus = frozenset(pairing.couple.focus) if pairing else frozenset()
    choice = selection.choose(history, day, seed, focus)
    try:
        with transaction.atomic():
            return DailyQuestion.objects.create(
                day=day,
                question=choice.question,
                kind=DailyQuestion.Kind.REVISIT if choice.revisit_of else DailyQuestion.Kind.NEW,
                revisit_of=choice.revisit_of,
                **owner,
            )
    except IntegrityError:
        return history.select_related("question").get(day=day)


@pairing_write
def answer_save(
    *,
    daily: DailyQuestion,
    user: User,
    pairing: Pairing | None,
    text: str,
    based_on: int | None = None,
) -> tuple[Answer, bool]:
    """Save (or edit) this person's answer; reveal both when both exist.

    Returns the answer and whether this save revealed the day. Idempotent: a double
    submit updates the same row. The daily row is locked first, so two partners
    answering in the same instant are serialised and the reveal happens exactly once,
    and two edits from two tabs are too: an edit `based_on` an older version of the
    answer than the saved one is refused with `StaleEdit` (nearer.entries.edits).
    """
    daily = DailyQuestion.objects.select_for_update().select_related("question").get(pk=daily.pk)
    if not owns_daily(daily, user, pairing):
        raise QuestionError(_("This question isn't yours to answer."))
    if daily.revealed_at is not None:
        raise QuestionError(
            _("You've both answered, so your answers are final. You can add a reply below.")
        )
    if daily.day < today_for(user, pairing) - timedelta(days=1):
        raise QuestionError(
            _("This day has passed, so its answers are closed. Today's question is on Today.")
        )
    now = timezone.now()
    answer, created = Answer.objects.get_or_create(
        daily=daily,
        author=user,
        defaults={
            "couple_id": daily.couple_id,
            "visibility": Visibility.REVEAL if daily.couple_id else Visibility.PRIVATE,
            "shown_text": daily.question.text,
            "text": text,
            "created_at": now,
            "updated_at": now,
        },
    )
    if not created:
        check_version(answer, based_on, text=text)
        save_edit(answer, text=text)
    revealed = False
    if daily.couple_id is not None and Answer.objects.filter(daily=daily).count() == 2:
        Answer.objects.filter(daily=daily).update(revealed_at=now)
        DailyQuestion.objects.filter(pk=daily.pk).update(revealed_at=now)
        revealed = True
    return answer, revealed


def partner_has_answered(daily: DailyQuestion, user: User) -> bool:
    """Whether the partner answered today's question.

    The one deliberate exception to "nothing before you answer": the product invites
    ("your partner has answered — answer to see theirs"), never the content.
    """
    if daily.couple_id is None:
        return False
    return Answer.objects.filter(daily=daily).exclude(author=user).exists()


# A reply every 15 seconds for ten minutes is a lively talk; a script is stopped.
REPLY_PACE = Pace("reply", limit=40, window=10 * 60)


@pairing_write
def reply_create(
    *,
    daily: DailyQuestion,
    user: User,
    pairing: Pairing | None,
    text: str,
    submit_token: UUID | None = None,
) -> Reply:
    """Reply under a shared reveal. The same form sent twice (`submit_token`) stores
    one reply (nearer.entries.submits); more than REPLY_PACE allows raises TooFast."""
    daily = DailyQuestion.objects.get(pk=daily.pk)
    if pairing is None or daily.couple_id != pairing.couple.pk:
        raise QuestionError(_("Replies are for the two of you, under a shared reveal."))
    if daily.revealed_at is None:
        if not Answer.objects.filter(daily=daily, author=user).exists():
            raise QuestionError(_("Answer the question first; then you can reply to each other."))
        raise QuestionError(_("Replies open once you've both answered."))
    reply, _created = create_once(
        Reply,
        author=user,
        submit_token=submit_token,
        pace=REPLY_PACE,
        daily=daily,
        couple=pairing.couple,
        visibility=Visibility.SHARED,
        text=text,
    )
    return reply


def read_mark(*, daily: DailyQuestion, user: User) -> bool:
    """Mark the partner's replies on this day as read; say whether any were unread.

    Writes only when something was unread, so looking at a day again changes nothing
    (and leaves Today's kept page in place).
    """
    read_at = (
        ReadMark.objects.filter(user=user, daily=daily).values_list("read_at", flat=True).first()
    )
    unread = Reply.objects.filter(daily=daily).exclude(author=user)
    if read_at is not None:
        unread = unread.filter(created_at__gt=read_at)
    if not unread.exists():
        return False
    ReadMark.objects.update_or_create(user=user, daily=daily, defaults={"read_at": timezone.now()})
    return True


def swaps_left(user: User, pairing: Pairing | None, day: date) -> int:
    """How many swaps the week of `day` still allows (the week starts on Monday)."""
    week_start = day - timedelta(days=day.weekday())
    days = history_of(user, pairing).filter(day__gte=week_start, day__lte=day)
    return SWAPS_PER_WEEK - sum(days.values_list("swaps", flat=True))


@pairing_write
def daily_swap(*, daily: DailyQuestion, user: User, pairing: Pairing | None) -> DailyQuestion:
    """Trade today's question for another, a few times a week, before anyone answers."""
    daily = DailyQuestion.objects.select_for_update().get(pk=daily.pk)
    if not owns_daily(daily, user, pairing):
        raise QuestionError(_("This question isn't yours to swap."))
    if daily.day != today_for(user, pairing):
        raise QuestionError(_("Only today's question can be swapped."))
    if Answer.objects.filter(daily=daily).exists():
        raise QuestionError(_("Someone has already answered this one, so it stays for today."))
    history = history_of(user, pairing)
    if swaps_left(user, pairing, daily.day) <= 0:
        raise QuestionError(_("You've swapped three times this week. This one's a keeper."))
    seed = f"{pairing.couple.code if pairing else user.code}:swap{daily.swaps + 1}"
    focus = frozenset(pairing.couple.focus) if pairing else frozenset()
    # The current question counts as recent, so the swap never hands it back. On a
    # revisit day the choice may be another revisit: it keeps that label and link, or
    # a question from the last year would come back as if it were new.
    swapped_away = [*daily.swapped_away, daily.question_id]
    choice = selection.choose(history, daily.day, seed, focus, avoid=frozenset(swapped_away))
    daily.question = choice.question
    daily.kind = DailyQuestion.Kind.REVISIT if choice.revisit_of else DailyQuestion.Kind.NEW
    daily.revisit_of = choice.revisit_of
    daily.swaps += 1
    daily.swapped_away = swapped_away
    daily.save(update_fields=["question", "kind", "revisit_of", "swaps", "swapped_away"])
    return daily
