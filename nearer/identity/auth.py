"""Who is signed in: the person read with the session, when the session names them.

Django's model backend signs people in. `get_user(user_id)` has no request, so the
middleware below hands it this request's session through a context variable, set only
while Django's `auth.get_user` runs; the backend takes the person that
nearer.identity.sessions read with the session when they are the person the session
names, and otherwise reads them itself (one query). `auth.get_user` then checks the
session's password hash against that person, as for any backend. The pairing read
alongside goes on the person for nearer.couples.pairing.request_pairing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.contrib import auth
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from nearer.accounts.models import User
from nearer.couples.pairing import PAIRING_ATTRIBUTE
from nearer.identity.query import SignedIn, person_with_pairing

_reading_session: ContextVar[Any] = ContextVar("nearer_reading_session", default=None)


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        found = _read_with_session(user_id) or person_with_pairing(user_id)
        if found is None:
            return None
        setattr(found.person, PAIRING_ATTRIBUTE, found.pairing)
        return found.person if self.user_can_authenticate(found.person) else None


def _read_with_session(user_id: int) -> SignedIn | None:
    signed_in: SignedIn | None = getattr(_reading_session.get(), "signed_in", None)
    if signed_in is None or signed_in.person.pk != user_id:
        return None
    return signed_in


class AuthenticationMiddleware:
    """Django's AuthenticationMiddleware, letting the backend use the person read with
    this request's session. Goes where Django's would: after SessionMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.user = SimpleLazyObject(lambda: _signed_in(request))  # type: ignore[assignment]
        return self.get_response(request)


def _signed_in(request: HttpRequest) -> User | AnonymousUser:
    token = _reading_session.set(request.session)
    try:
        return auth.get_user(request)
    finally:
        _reading_session.reset(token)
