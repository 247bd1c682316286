"""A per-process cache of each person's rendered Today page.

Today is the page people open most, often several times an hour (a reminder, a
partner's reply, a refresh), and between two visits it rarely changes. A rendered page
is kept under a key made of everything it depends on:

- who is looking (id and random code, so a reused row id never matches), their name,
  zone and language, and their own state version;
- their couple (id, code, state version) and partner (id, name, zone), if paired;
- the couple's "today" (nearer.questions.days), so a new day never sees yesterday's page;
- the browser's CSRF secret, so the forms' tokens in the page stay valid for it.

Every service that changes what Today shows bumps the state version in the same
transaction (nearer.couples.state), so the next request builds a new key: a stale page
is never served, whichever process cached it. Only the CSP nonce changes per request:
it is stored as a marker and filled in on the way out. Requests with flash messages or
from htmx, and first visits without a CSRF cookie, are never cached or served from it.
Entries also expire after `TODAY_PAGE_CACHE_SECONDS`, so a content edit by an operator
(`load_content`) shows within minutes without any version bump.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from nearer.accounts.models import User
from nearer.couples.pairing import Pairing
from nearer.questions.services import today_for

NONCE_MARK = b"\x00csp-nonce\x00"

_entries: OrderedDict[Hashable, tuple[float, bytes]] = OrderedDict()
_lock = threading.Lock()


def key_for(request: HttpRequest, user: User, pairing: Pairing | None) -> Hashable | None:
    """The cache key for this request's Today page, or None if it must not be cached."""
    if settings.TODAY_PAGE_CACHE_ENTRIES <= 0 or getattr(request, "htmx", False):
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
    return (person, together, day, translation.get_language(), secret)


def fetch(request: HttpRequest, key: Hashable | None) -> HttpResponse | None:
    if key is None:
        return None
    with _lock:
        entry = _entries.get(key)
        if entry is None:
            return None
        stored_at, body = entry
        if time.monotonic() - stored_at > settings.TODAY_PAGE_CACHE_SECONDS:
            del _entries[key]
            return None
        _entries.move_to_end(key)
    nonce = str(request.csp_nonce).encode()  # type: ignore[attr-defined]
    return HttpResponse(body.replace(NONCE_MARK, nonce))


def store(request: HttpRequest, key: Hashable | None, response: HttpResponse) -> None:
    if key is None or response.status_code != 200:
        return
    body = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str):
        body = body.replace(nonce.encode(), NONCE_MARK)
    with _lock:
        _entries[key] = (time.monotonic(), body)
        _entries.move_to_end(key)
        while len(_entries) > settings.TODAY_PAGE_CACHE_ENTRIES:
            _entries.popitem(last=False)


def clear() -> None:
    with _lock:
        _entries.clear()
