"""Database sessions, read together with the person their browser row names.

Django's database engine, with `load` (the documented hook of a session engine) running
nearer.identity.query's one SELECT instead of the ORM's. The store only remembers whom
it read; nearer.identity.auth decides whether that is who is signed in.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from nearer.identity.query import SignedIn, session_with_person


class SessionStore(DatabaseSessionStore):
    # Who the browser's DeviceSession row names, as read with the session: None until
    # the session is loaded, or when no row names anyone.
    signed_in: SignedIn | None = None

    def load(self) -> dict[str, Any]:
        assert self.session_key is not None  # Django loads only a session with a key
        found = session_with_person(self.session_key)
        if found is None:
            # As Django's own engine does: a missing or expired session starts afresh.
            # (`_session_key` is Django's; test_signed_in pins this behaviour.)
            self._session_key = None
            return {}
        data, self.signed_in = found
        return self.decode(data)
