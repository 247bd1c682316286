"""Sign-in bookkeeping: recent-authentication checks and session records."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from nearer.accounts.models import DeviceSession, User

AUTH_AT = "nearer_auth_at"  # last time the password was given
SIGNED_IN_AT = "nearer_signed_in_at"  # start of the absolute lifetime
SEEN_AT = "nearer_seen_at"


def mark_authenticated(request: HttpRequest, user: User) -> None:
    """Call right after login(): start the absolute lifetime and record the device."""
    now = time.time()
    request.session[AUTH_AT] = now
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    request.session.save()  # we need the (rotated) key now
    DeviceSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "user_agent": request.headers.get("User-Agent", "")[:200]},
    )


def mark_reauthenticated(request: HttpRequest) -> None:
    request.session[AUTH_AT] = time.time()


def is_recently_authenticated(request: HttpRequest) -> bool:
    auth_at = request.session.get(AUTH_AT, 0)
    return bool(time.time() - float(auth_at) < settings.REAUTH_SECONDS)


def recent_auth_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sensitive actions ask for the password again after a few minutes."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_recently_authenticated(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('accounts:confirm_password')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper
