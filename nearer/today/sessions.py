"""The session engine: nearer.couples.sessions, plus the kept page asked for.

When a request is for a kept page (nearer.today.page_cache), KeptPageMiddleware names
its slot before anything reads the session, and the same SELECT that reads the session,
the person and their pairing also reads the page stored for that person and slot, if it
has not expired. page_cache then serves it only if its key matches the one it works out
for this request; otherwise it builds the page, as it would after a miss.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from nearer.couples import sessions
from nearer.couples.pairing import PAIRING_JOIN_PARAMS
from nearer.today.models import CachedPage


@dataclass(frozen=True)
class KeptRead:
    user_id: int
    slot: str
    key: str | None  # None when nothing unexpired is stored for this person and slot
    body: bytes | None


@cache
def _sql() -> str:
    return sessions.session_sql(
        ", k.key, k.body",
        f"LEFT JOIN {CachedPage._meta.db_table} k "
        "ON k.user_id = u.id AND k.slot = %s AND k.expires_at > %s ",
    )


class SessionStore(sessions.SessionStore):
    kept_slot: str | None = None  # set by KeptPageMiddleware before the session is read
    kept: KeptRead | None = None  # what was read for that slot, if someone is signed in

    def _query(self, now: Any) -> tuple[str, list[Any]]:
        if self.kept_slot is None:
            return super()._query(now)
        return _sql(), [*PAIRING_JOIN_PARAMS, self.kept_slot, now, self.session_key, now]

    def _read_more(self, values: Sequence[Any]) -> None:
        if self.kept_slot is None or self.signed_in is None:
            return
        key, body = values
        self.kept = KeptRead(
            user_id=self.signed_in[0].pk,
            slot=self.kept_slot,
            key=key,
            body=None if body is None else bytes(body),
        )
