from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nearer.accounts.models import DeviceSession
from nearer.accounts.security import SEEN_AT, SIGNED_IN_AT

# Record "last seen" at most this often, so most requests write nothing.
SEEN_RESOLUTION = 300


class SessionLifetimeMiddleware:
    """Ends sign-ins past their absolute lifetime; keeps the idle lifetime rolling."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            signed_in_at = float(request.session.get(SIGNED_IN_AT, 0))
            if now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
                return self._sign_out(request)
            if now - float(request.session.get(SEEN_AT, 0)) > SEEN_RESOLUTION:
                # Modifying the session re-saves it, which pushes the idle expiry forward.
                request.session[SEEN_AT] = now
                DeviceSession.objects.filter(session_key=request.session.session_key).update(
                    last_seen_at=timezone.now()
                )
        return self.get_response(request)

    def _sign_out(self, request: HttpRequest) -> HttpResponse:
        DeviceSession.objects.filter(session_key=request.session.session_key).delete()
        logout(request)
        # This runs before MessageMiddleware, and answers without calling it, so the
        # message store is set up and written here.
        storage = default_storage(request)
        request._messages = storage  # type: ignore[attr-defined]
        messages.info(request, _("For your privacy, please sign in again."))
        response = HttpResponseRedirect(reverse("accounts:sign_in"))
        storage.update(response)
        return response


class UserLanguageMiddleware:
    """A signed-in person sees Nearer in the language they chose."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            language = getattr(request.user, "language", "")
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
