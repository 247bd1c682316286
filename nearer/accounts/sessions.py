"""Database sessions, read with one hand-written SELECT (see nearer.lib.rows)."""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Session | None:
        sql = (
            f"SELECT session_data FROM {Session._meta.db_table} "  # noqa: S608
            "WHERE session_key = %s AND expire_date > %s"
        )
        with connection.cursor() as cursor:
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            # As the parent does: a missing or expired session starts afresh.
            self._session_key = None
            return None
        return Session(session_key=self.session_key or "", session_data=row[0])
