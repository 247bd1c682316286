"""Who is signed in, and who they are paired with: read with the session, in one query.

Django's model backend signs people in. On every signed-in request, `get_user` takes the
person and pairing that nearer.couples.sessions read along with the session, when they
are the person the session names; otherwise it reads them itself (one query). Django's
`auth.get_user` then checks the session's password hash against that person as usual.
The pairing is left for `request_pairing`.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.contrib import auth
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthentication
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from nearer.accounts.models import User
from nearer.couples.pairing import PAIRING_ATTRIBUTE, Pairing, person_with_pairing

# The session of the request whose user is being read, set only while
# AuthenticationMiddleware asks Django for that user.
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
        user, pairing = found
        setattr(user, PAIRING_ATTRIBUTE, pairing)
        return user if self.user_can_authenticate(user) else None


def _read_with_session(user_id: int) -> tuple[User, Pairing | None] | None:
    signed_in = getattr(_reading_session.get(), "signed_in", None)
    if signed_in is None or signed_in[0].pk != user_id:
        return None
    return signed_in


class AuthenticationMiddleware(DjangoAuthentication):
    """Django's, but lets the backend use the person read with this request's session."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))  # type: ignore[assignment]


def _user(request: HttpRequest) -> User | AnonymousUser:
    if not hasattr(request, "_cached_user"):
        token = _reading_session.set(request.session)
        try:
            request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
        finally:
            _reading_session.reset(token)
    return request._cached_user  # type: ignore[attr-defined]
