"""Who is this person paired with right now? One query, memoised per request."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection
from django.http import HttpRequest

from nearer.accounts.models import User
from nearer.couples.models import Couple, Membership
from nearer.lib.rows import columns, count_columns, instance

# Where nearer.couples.auth leaves the pairing it read with the person.
PAIRING_ATTRIBUTE = "_nearer_pairing_at_sign_in"


@dataclass(frozen=True)
class Pairing:
    couple: Couple
    partner: User


def person_columns() -> str:
    """The columns `read_person` reads: the person `u`, their couple `c`, their partner `p`."""
    return f"{columns(User, 'u')}, {columns(Couple, 'c')}, {columns(User, 'p')}"


def pairing_joins() -> str:
    """Joins from a person `u` to their active couple and partner; takes the parameters
    PAIRING_JOIN_PARAMS, in this order, before any of the WHERE clause's."""
    membership = Membership._meta.db_table
    return (
        f"LEFT JOIN {membership} me ON me.user_id = u.id AND me.active = %s "
        f"LEFT JOIN {membership} them ON them.couple_id = me.couple_id "
        "AND them.active = %s AND them.user_id <> u.id "
        f"LEFT JOIN {Couple._meta.db_table} c ON c.id = them.couple_id "
        f"LEFT JOIN {User._meta.db_table} p ON p.id = them.user_id "
    )


PAIRING_JOIN_PARAMS = [True, True]


@cache
def _person_sql() -> str:
    return (
        f"SELECT {person_columns()} FROM {User._meta.db_table} u "  # noqa: S608
        f"{pairing_joins()} WHERE u.id = %s"
    )


def person_with_pairing(user_id: int) -> tuple[User, Pairing | None] | None:
    """A person and who they are paired with right now, in one hand-written query
    (nearer.lib.rows): every signed-in page needs both, and the ORM spent about 1 ms
    building the pairing join alone, thirty times what running it costs."""
    with connection.cursor() as cursor:
        cursor.execute(_person_sql(), [*PAIRING_JOIN_PARAMS, user_id])
        row = cursor.fetchone()
    return None if row is None else read_person(row)


def count_person_columns() -> int:
    return 2 * count_columns(User) + count_columns(Couple)


def read_person(row: Sequence[Any]) -> tuple[User, Pairing | None] | None:
    """The person and pairing from a row of `person_columns()`; None if `u` is empty."""
    people, couples = count_columns(User), count_columns(Couple)
    if row[0] is None:
        return None
    person = instance(User, row[:people])
    couple_row = row[people : people + couples]
    if couple_row[0] is None:
        return person, None
    partner = instance(User, row[people + couples :])
    return person, Pairing(couple=instance(Couple, couple_row), partner=partner)


def pairing_for(user: User) -> Pairing | None:
    found = person_with_pairing(user.pk)
    return found[1] if found else None


def request_pairing(request: HttpRequest) -> Pairing | None:
    """The signed-in person's pairing, looked up at most once per request (and usually
    read along with the person by nearer.couples.auth, in the same query)."""
    if not request.user.is_authenticated:
        return None
    cached: Pairing | None | str = getattr(request, "_nearer_pairing", "unset")
    if cached == "unset":
        assert isinstance(request.user, User)
        cached = getattr(request.user, PAIRING_ATTRIBUTE, "unset")
        if cached == "unset":
            cached = pairing_for(request.user)
        request._nearer_pairing = cached  # type: ignore[attr-defined]
    assert not isinstance(cached, str)
    return cached
