"""Rate limits: a counter per scope and identifier, in its own table (RateCounter).

Every limit asks one question before the work it guards: `hit` counts this try and says
whether it is still within the limit, in a single statement, so tries made at the same
instant cannot all pass a check that none of them has counted yet. A window starts at
the first try and lasts `window` seconds; the first try after it starts a new one. The
worker deletes counters whose window has ended (`prune_counters`).

Keys are an HMAC of the scope and the identifier with SECRET_KEY: no e-mail or address
is stored, and nobody outside can tell which row is whose.
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from nearer.lib.schedule import resting
from nearer.limits.models import RateCounter


def _key(scope: str, ident: str) -> str:
    return salted_hmac(f"nearer.limits:{scope}", ident, algorithm="sha256").hexdigest()


@cache
def _hit_sql() -> str:
    table = RateCounter._meta.db_table
    ended = f"{table}.expires_at <= %(now)s"
    # The first try inserts the row; a concurrent first try meets the primary key and
    # updates instead. The update adds one only while under the limit (or starts a new
    # window once the old one has ended); at the limit it changes nothing and returns
    # no row. PostgreSQL and SQLite (3.35+) both read it the same way.
    return (
        f"INSERT INTO {table} (key, hits, expires_at) "  # noqa: S608
        "VALUES (%(key)s, 1, %(expires_at)s) "
        "ON CONFLICT (key) DO UPDATE SET "
        f"hits = CASE WHEN {ended} THEN 1 ELSE {table}.hits + 1 END, "
        f"expires_at = CASE WHEN {ended} THEN excluded.expires_at ELSE {table}.expires_at END "
        f"WHERE {table}.hits < %(limit)s OR {ended} "
        "RETURNING hits"
    )


def hit(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Count one try; True while this try is within `limit` tries per `window` seconds."""
    now = timezone.now()
    params = {
        "key": _key(scope, ident),
        "now": connection.ops.adapt_datetimefield_value(now),
        "expires_at": connection.ops.adapt_datetimefield_value(now + timedelta(seconds=window)),
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(_hit_sql(), params)
        row = cursor.fetchone()
    return row is not None and int(row[0]) <= limit


def refund(scope: str, ident: str) -> None:
    """Take back one try that turned out to be right (a sign-in that worked)."""
    RateCounter.objects.filter(key=_key(scope, ident), hits__gt=0).update(hits=F("hits") - 1)


def clear(scope: str, ident: str) -> None:
    """Forget every try: the lock, if any, lifts at once."""
    RateCounter.objects.filter(key=_key(scope, ident)).delete()


def client_ip(request: HttpRequest) -> str:
    """The address of whoever sent the request.

    Behind TRUSTED_PROXY_COUNT proxies, each of which appends the address it was reached
    from to X-Forwarded-For, the client is the Nth entry from the right: everything left
    of it came from the client and may be made up. With no trusted proxy (the default)
    the header is never read, since anyone can send one.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "unknown")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies].strip() or remote


@resting(600)
def prune_counters() -> bool:
    """Worker job: delete counters whose window has ended, every ten minutes. True when
    it deleted any."""
    deleted, _ = RateCounter.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted > 0
