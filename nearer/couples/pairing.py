"""Who is this person paired with right now? One query, memoised per request."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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


@cache
def _pairing_sql() -> str:
    membership = Membership._meta.db_table
    return (
        f"SELECT {columns(Couple, 'c')}, {columns(User, 'p')} "  # noqa: S608 (names only)
        f"FROM {membership} me "
        f"JOIN {membership} them ON them.couple_id = me.couple_id "
        "AND them.active = %s AND them.user_id <> me.user_id "
        f"JOIN {Couple._meta.db_table} c ON c.id = me.couple_id "
        f"JOIN {User._meta.db_table} p ON p.id = them.user_id "
        "WHERE me.user_id = %s AND me.active = %s"
    )


def pairing_for(user: User) -> Pairing | None:
    # Every signed-in page asks this, so it is one hand-written join (nearer.lib.rows):
    # the ORM spent about 1 ms building it, thirty times what running it costs.
    with connection.cursor() as cursor:
        cursor.execute(_pairing_sql(), [True, user.pk, True])
        row = cursor.fetchone()
    if row is None:
        return None
    split = count_columns(Couple)
    return Pairing(couple=instance(Couple, row[:split]), partner=instance(User, row[split:]))


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
