"""The signed-in person of a request, for views behind `login_required`."""

from __future__ import annotations

from django.http import HttpRequest

from nearer.accounts.models import User


def person(request: HttpRequest) -> User:
    """The person signed in on this request (the view is behind login_required)."""
    assert isinstance(request.user, User)
    return request.user
