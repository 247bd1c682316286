from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it, for the type checker."""

    htmx: HtmxDetails


V = TypeVar("V", bound=Callable[..., Any])


def public(reason: str) -> Callable[[V], V]:
    """Marks a view that anyone may open, signed in or not, and says why.

    Every URL is either behind `login_required` (and in the access tests) or marked
    public here; nearer/tests/test_url_tree.py fails on a view that is neither.
    """

    def mark(view: V) -> V:
        view.public_reason = reason  # type: ignore[attr-defined]
        return view

    return mark
