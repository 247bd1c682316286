"""What "today" is. One rule, used everywhere:

A person's day is the calendar date in their own time zone. A couple's day is the
earlier of the two partners' dates, that is the date of whoever is furthest behind
(west). So the new question arrives at midnight for the partner furthest west, and a
little later in the morning for the other: nobody's evening is cut short, and both
always see the same question. Daylight-saving changes need no special case because
each date comes from the zone's own rules at this very instant.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.utils import timezone

from nearer.accounts.models import User
from nearer.couples.pairing import Pairing


def local_date(user: User, at: datetime | None = None) -> date:
    return timezone.localtime(at or timezone.now(), user.zone).date()


def shared_today(people: Iterable[User], at: datetime | None = None) -> date:
    instant = at or timezone.now()
    return min(local_date(person, instant) for person in people)


def today_for(user: User, pairing: Pairing | None) -> date:
    """The person's day: the couple's day when paired, their own otherwise."""
    if pairing is not None:
        return shared_today([user, pairing.partner])
    return local_date(user)
