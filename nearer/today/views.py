from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "today/welcome.html")
    return render(request, "today/home.html")


@cache_control(no_store=True)
def quick_exit(request: HttpRequest) -> HttpResponse:
    """A plain, unbranded page the quick-exit control jumps to."""
    return render(request, "today/exit.html")
