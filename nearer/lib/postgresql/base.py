"""Django's PostgreSQL backend, minus the health check's round trip on a busy connection.

With CONN_HEALTH_CHECKS, Django sends "SELECT 1" before the first query of every request
that reuses a connection, so a connection the server dropped while it sat idle is
replaced instead of failing the request. On a busy server that check is one of the few
round trips a cached page makes. Here a connection whose last request ran its queries
without an error less than TRUSTED_SECONDS ago skips the check: the server was
answering it a moment ago. An idle connection is still checked, and any error still
makes Django test the connection at the end of the request and drop it if it is broken.
"""

from __future__ import annotations

import math
import time

from django.db.backends.postgresql import base

TRUSTED_SECONDS = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    _answered_at = -math.inf  # when a request last ran queries here without an error
    _used = False  # whether the current request has opened a cursor
    health_check_done: bool

    def close_if_unusable_or_obsolete(self) -> None:
        # Django calls this as each request starts and as it ends.
        answered = self._used and self.connection is not None and not self.errors_occurred
        self._used = False
        super().close_if_unusable_or_obsolete()
        if answered and self.connection is not None:
            self._answered_at = time.monotonic()

    def close_if_health_check_failed(self) -> None:
        # Django calls this before every cursor it opens.
        self._used = True
        if (
            self.connection is not None
            and not self.health_check_done
            and time.monotonic() - self._answered_at < TRUSTED_SECONDS
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
