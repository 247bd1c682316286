"""Each person's rendered pages (Today, the history), kept until something on them changes.

Today is the page people open most, often several times an hour (a reminder, a
partner's reply, a refresh), and between two visits it rarely changes. A rendered page
is kept under a key made of everything it depends on:

- the page and its query string (`?page=3`);
- who is looking (id and random code, so a reused row id never matches), their name,
  zone and language, and their own state version;
- their couple (id, code, state version) and partner (id, name, zone), if paired;
- the couple's "today" (nearer.couples.days), so a new day never sees yesterday's page;
- the browser's CSRF secret, so the forms' tokens in the page stay valid for it.

The state versions are moved by the database itself whenever a row a kept page may
show changes (nearer.keptpages.freshness), so a stale page is never served and no
service has to remember to say so. Only the CSP nonce changes per request: it is stored
as a marker and filled in on the way out. Requests with flash messages or from htmx,
and first visits without a CSRF cookie, are never kept or served from here.

The pages live in a table (CachedPage), shared by every web process. Each person keeps
one row per page and query string: storing a newer page replaces the older one. Rows
expire after `PAGE_CACHE_SECONDS` and the worker deletes them; a change of pairing
deletes both people's, and `load_content` deletes them all.

A kept Today page costs two queries: the session with the person and pairing
(nearer.identity), then this page. Reading the page inside the session's query saved
about 30 microseconds on SQLite and needed the URL resolved before the session was
read; the benchmark showed no gain worth that layering.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache, wraps
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from nearer.accounts.models import User
from nearer.couples.days import today_for
from nearer.couples.pairing import Pairing, request_pairing
from nearer.keptpages.models import CachedPage
from nearer.lib.schedule import resting

logger = logging.getLogger(__name__)
View = Callable[..., HttpResponse]
NONCE_MARK = b"\x00csp-nonce\x00"


def per_person(page: str, unless: tuple[str, ...] = ()) -> Callable[[View], View]:
    """Serve a signed-in person's GET of this page from the cache while it still holds.

    Only for pages that show nothing but rows of the watched models (each ritual's
    entry types and watched models, nearer.lib.rituals), the two people and content.
    A request carrying any of the query parameters in `unless` (a search: one-off
    results) is neither cached nor served from the cache.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if (
                request.method != "GET"
                or not request.user.is_authenticated
                or any(name in request.GET for name in unless)
            ):
                return view(request, *args, **kwargs)
            assert isinstance(request.user, User)
            # The key is taken before anything is read, so a change made meanwhile can
            # only make the stored page newer than its key says, never older.
            key = key_for(request, request.user, request_pairing(request), page)
            cached = fetch(request, key)
            if cached is not None:
                return cached
            response = view(request, *args, **kwargs)
            store(request, key, response)
            return response

        return wrapper

    return decorate


def slot_for(request: HttpRequest, page: str) -> str:
    return f"{page}?{request.GET.urlencode()}"[:200]


@dataclass(frozen=True)
class PageKey:
    key: str  # a digest of everything the page depends on
    user_id: int
    slot: str  # the page and its query string: one stored page per person and slot


def key_for(request: HttpRequest, user: User, pairing: Pairing | None, page: str) -> PageKey | None:
    """The cache key for this request's page, or None if it must not be cached."""
    if not settings.PAGE_CACHE or getattr(request, "htmx", False):
        return None
    secret = request.META.get("CSRF_COOKIE")
    if not secret or request.COOKIES.get(settings.CSRF_COOKIE_NAME) is None:
        return None  # a first visit: rendering sets a new CSRF cookie
    if len(get_messages(request)):
        return None  # a flash message is shown once; the page that shows it is not kept
    person = (user.pk, user.code, user.state_version, user.display_name, user.time_zone)
    together: tuple[Hashable, ...] = ()
    if pairing is not None:
        couple, partner = pairing.couple, pairing.partner
        together = (couple.pk, couple.code, couple.state_version)
        together += (partner.pk, partner.display_name, partner.time_zone)
    day = today_for(user, pairing)
    slot = slot_for(request, page)
    parts = (slot, person, together, day, translation.get_language(), secret)
    # Hashed: the key holds the CSRF secret, which must not sit in the table in clear.
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=32).hexdigest()
    return PageKey(key=digest, user_id=user.pk, slot=slot)


@cache
def _select_sql() -> str:
    table = CachedPage._meta.db_table
    return f"SELECT body FROM {table} WHERE key = %s AND expires_at > %s"  # noqa: S608


def fetch(request: HttpRequest, key: PageKey | None) -> HttpResponse | None:
    if key is None:
        return None
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # By hand: the ORM took longer to build this query than the database to answer it.
    with connection.cursor() as cursor:
        cursor.execute(_select_sql(), [key.key, now])
        row = cursor.fetchone()
    if row is None:
        return None
    body = bytes(row[0])
    nonce = str(request.csp_nonce).encode()  # type: ignore[attr-defined]
    return HttpResponse(body.replace(NONCE_MARK, nonce))


def store(request: HttpRequest, key: PageKey | None, response: HttpResponse) -> None:
    if key is None or response.status_code != 200:
        return
    body = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str):
        body = body.replace(nonce.encode(), NONCE_MARK)
    expires_at = timezone.now() + timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    try:
        _replace(key, body, expires_at)
    except DatabaseError:
        # Keeping the page is an optimisation: a busy database must not fail the page.
        logger.warning("Could not keep the %s page for person %s", key.slot, key.user_id)


def _replace(key: PageKey, body: bytes, expires_at: datetime) -> None:
    with transaction.atomic():
        CachedPage.objects.filter(user_id=key.user_id, slot=key.slot).delete()
        # Two tabs storing the same page at once: the second insert is a no-op.
        CachedPage.objects.bulk_create(
            [
                CachedPage(
                    key=key.key,
                    user_id=key.user_id,
                    slot=key.slot,
                    body=body,
                    expires_at=expires_at,
                )
            ],
            ignore_conflicts=True,
        )


def clear() -> None:
    CachedPage.objects.all().delete()


@resting(600)
def prune_expired() -> bool:
    """Worker job: delete expired pages, every ten minutes. True when it deleted any."""
    deleted, _ = CachedPage.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted > 0
