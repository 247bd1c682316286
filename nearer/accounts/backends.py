"""Sign-in with Django's model backend; the per-request user lookup by hand."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connection

from nearer.accounts.models import User
from nearer.lib.rows import columns, instance


class AccountBackend(ModelBackend):
    """ModelBackend, with `get_user` (run on every signed-in request) as one
    hand-written SELECT: see nearer.lib.rows for why."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        sql = f"SELECT {columns(User, 'u')} FROM {User._meta.db_table} u WHERE u.id = %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            row = cursor.fetchone()
        if row is None:
            return None
        user = instance(User, row)
        return user if self.user_can_authenticate(user) else None
