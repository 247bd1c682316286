"""Database sessions, read together with who is signed in on them and their pairing.

Every signed-in request needs the session, the person and who they are paired with.
Reading them in one hand-written SELECT (nearer.lib.rows) saves a round trip to the
database per request: the person is found through the browser's DeviceSession row,
which sign-in writes next to the session. The store only remembers what it read;
nearer.couples.auth hands it to Django's sign-in check, which still verifies the
session's own user id and password hash against it, exactly as for a person read on
their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from nearer.accounts.models import DeviceSession, User
from nearer.couples.pairing import (
    PAIRING_JOIN_PARAMS,
    Pairing,
    count_person_columns,
    pairing_joins,
    person_columns,
    read_person,
)


@cache
def session_sql(more_columns: str = "", more_joins: str = "") -> str:
    """The session's data, then `person_columns()`, then `more_columns`. Its parameters:
    PAIRING_JOIN_PARAMS, those of `more_joins`, the session key, the time now."""
    return (
        f"SELECT s.session_data, {person_columns()}{more_columns} "  # noqa: S608
        f"FROM {Session._meta.db_table} s "
        f"LEFT JOIN {DeviceSession._meta.db_table} d ON d.session_key = s.session_key "
        f"LEFT JOIN {User._meta.db_table} u ON u.id = d.user_id "
        f"{pairing_joins()}{more_joins}"
        "WHERE s.session_key = %s AND s.expire_date > %s"
    )


class SessionStore(DatabaseSessionStore):
    # The person whose browser this is, and their pairing, as read with the session:
    # None until it is loaded, or when no DeviceSession row names them.
    signed_in: tuple[User, Pairing | None] | None = None

    def _query(self, now: Any) -> tuple[str, list[Any]]:
        """What to run; a subclass may read more along with the session."""
        return session_sql(), [*PAIRING_JOIN_PARAMS, self.session_key, now]

    def _read_more(self, values: Sequence[Any]) -> None:
        """The values of a subclass's `more_columns`."""

    def _get_session_from_db(self) -> Session | None:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        sql, params = self._query(now)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            # As the parent does: a missing or expired session starts afresh.
            self._session_key = None
            return None
        person_end = 1 + count_person_columns()
        self.signed_in = read_person(row[1:person_end])
        self._read_more(row[person_end:])
        return Session(session_key=self.session_key or "", session_data=row[0])
