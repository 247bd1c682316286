"""Who is signed in, and who they are paired with: one query per request.

Django's model backend signs people in; `get_user`, which runs on every signed-in
request, is one hand-written SELECT (nearer.lib.rows) that also reads the person's
current pairing, which almost every page needs. `request_pairing` then uses it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connection

from nearer.accounts.models import User
from nearer.couples.models import Couple, Membership
from nearer.couples.pairing import PAIRING_ATTRIBUTE, Pairing
from nearer.lib.rows import columns, count_columns, instance


@cache
def _sql() -> str:
    membership = Membership._meta.db_table
    return (
        f"SELECT {columns(User, 'u')}, {columns(Couple, 'c')}, {columns(User, 'p')} "  # noqa: S608
        f"FROM {User._meta.db_table} u "
        f"LEFT JOIN {membership} me ON me.user_id = u.id AND me.active = %s "
        f"LEFT JOIN {membership} them ON them.couple_id = me.couple_id "
        "AND them.active = %s AND them.user_id <> u.id "
        f"LEFT JOIN {Couple._meta.db_table} c ON c.id = them.couple_id "
        f"LEFT JOIN {User._meta.db_table} p ON p.id = them.user_id "
        "WHERE u.id = %s"
    )


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        with connection.cursor() as cursor:
            cursor.execute(_sql(), [True, True, pk])
            row = cursor.fetchone()
        if row is None:
            return None
        people, couples = count_columns(User), count_columns(Couple)
        user = instance(User, row[:people])
        couple_row = row[people : people + couples]
        pairing = None
        if couple_row[0] is not None:
            partner = instance(User, row[people + couples :])
            pairing = Pairing(couple=instance(Couple, couple_row), partner=partner)
        setattr(user, PAIRING_ATTRIBUTE, pairing)
        return user if self.user_can_authenticate(user) else None
