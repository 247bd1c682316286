from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Never touches request.POST or the body: a body that could not be read (another
    # charset, too big, too many fields) raises again on every read, and Django's own
    # view reads it for the CSRF check, turning the 400 into a 500.
    return HttpResponse(render_to_string("400.html", request=request), status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # A tab left open past a sign-in, a sign-out or an expired session. Like bad_request,
    # never reads the body; `reason` is for developers and is never shown.
    return HttpResponse(render_to_string("403_csrf.html", request=request), status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponse(render_to_string("404.html", request=request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors or database: this must render even when those are broken.
    return HttpResponse(render_to_string("500.html"), status=500)
