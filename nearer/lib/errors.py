from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Never touches request.POST or the body: a body that could not be read (another
    # charset, too big, too many fields) raises again on every read, and Django's own
    # view reads it for the CSRF check, turning the 400 into a 500.
    return HttpResponse(render_to_string("400.html", request=request), status=400)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponse(render_to_string("404.html", request=request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors or database: this must render even when those are broken.
    return HttpResponse(render_to_string("500.html"), status=500)
