"""Each person's rendered Today and history pages, kept until something on them changes.

Today is the page people open most, often several times an hour (a reminder, a
partner's reply, a refresh), and between two visits it rarely changes; the history
changes with it. A rendered page is kept under a key made of everything it depends on:

- the page and its query string (`?page=3`);
- who is looking (id and random code, so a reused row id never matches), their name,
  zone and language, and their own state version;
- their couple (id, code, state version) and partner (id, name, zone), if paired;
- the couple's "today" (nearer.questions.days), so a new day never sees yesterday's page;
- the browser's CSRF secret, so the forms' tokens in the page stay valid for it.

Every service that changes what Today shows bumps the state version in the same
transaction (nearer.couples.state), so the next request builds a new key and a stale
page is never served. Only the CSP nonce changes per request: it is stored as a marker
and filled in on the way out. Requests with flash messages or from htmx, and first
visits without a CSRF cookie, are never cached or served from it.

The pages live in a table (CachedPage), shared by every web process and read with
one hand-written SELECT. Each person keeps one row per page and query string: storing
a newer page replaces the older one. Entries expire after `PAGE_CACHE_SECONDS`; the
worker deletes expired rows; unpairing and deleting an account delete both people's
pages, and `load_content` deletes them all (question wording may have changed).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache, wraps
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from nearer.accounts.models import User
from nearer.couples.pairing import Pairing, request_pairing
from nearer.lib.schedule import resting
from nearer.questions.services import today_for
from nearer.today.models import CachedPage
from nearer.today.sessions import KeptRead, SessionStore

logger = logging.getLogger(__name__)
View = Callable[..., HttpResponse]
NONCE_MARK = b"\x00csp-nonce\x00"


def per_person(page: str, unless: tuple[str, ...] = ()) -> Callable[[View], View]:
    """Serve a signed-in person's GET of this page from the cache while it still holds.

    Only for pages that show nothing but what the state versions cover (today's
    question, answers, reveals, replies, read marks, swaps) and the two people's names.
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

        # For KeptPageMiddleware (functools.wraps carries these to outer decorators).
        wrapper.kept_page = page  # type: ignore[attr-defined]
        wrapper.kept_unless = unless  # type: ignore[attr-defined]
        return wrapper

    return decorate


class KeptPageMiddleware:
    """On a GET of a kept page, asks the session store (nearer.today.sessions) to read
    the stored page along with the session, saving a query. Goes right after
    SessionMiddleware, before anything reads the session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if settings.PAGE_CACHE and request.method == "GET" and isinstance(session, SessionStore):
            try:
                view = resolve(request.path_info).func
            except Resolver404:
                view = None
            page = getattr(view, "kept_page", None)
            if page and not any(name in request.GET for name in view.kept_unless):  # type: ignore[union-attr]
                session.kept_slot = slot_for(request, page)
        return self.get_response(request)


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
    kept = getattr(request.session, "kept", None)
    if isinstance(kept, KeptRead) and (kept.user_id, kept.slot) == (key.user_id, key.slot):
        # Read with the session: the one row stored for this person and page.
        body = kept.body if kept.key == key.key else None
    else:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_select_sql(), [key.key, now])
            row = cursor.fetchone()
        body = None if row is None else bytes(row[0])
    if body is None:
        return None
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


def forget(user_ids: Iterable[int]) -> None:
    """Delete these people's stored pages (they unpaired, or one of them left)."""
    CachedPage.objects.filter(user_id__in=list(user_ids)).delete()


def clear() -> None:
    CachedPage.objects.all().delete()


@resting(600)
def prune_expired() -> bool:
    """Worker job: delete expired pages, every ten minutes. True when it deleted any."""
    deleted, _ = CachedPage.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted > 0
