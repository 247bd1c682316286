"""State versions: one number per couple (and per unpaired person) that changes whenever
what their Today page shows changes, so a rendered page can be reused until then.

Every service that changes a day's question, an answer, a reveal, a reply or a read
mark calls `bump_state` inside its transaction. A page cached under an older version is
never served again: the version is part of the cache key (nearer.today.page_cache).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F

from nearer.accounts.models import User
from nearer.couples.models import Couple
from nearer.couples.pairing import Pairing


def bump_state(user: User, pairing: Pairing | None) -> None:
    """What this person (and their partner, if paired) sees on Today has changed."""
    if pairing is not None:
        Couple.objects.filter(pk=pairing.couple.pk).update(state_version=F("state_version") + 1)
    else:
        User.objects.filter(pk=user.pk).update(state_version=F("state_version") + 1)


def bump_people(user_ids: Iterable[int]) -> None:
    """These people's own state changed (they paired or unpaired)."""
    User.objects.filter(pk__in=list(user_ids)).update(state_version=F("state_version") + 1)
