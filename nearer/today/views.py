from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from nearer.accounts.models import User
from nearer.couples.pairing import request_pairing
from nearer.questions import services
from nearer.questions.panels import daily_panel, latest_reveal, unread_replies
from nearer.today import page_cache


@page_cache.per_person("today")
def home(request: HttpRequest) -> HttpResponse:
    """Today: what you can do now, the latest reveal, replies you haven't read."""
    if not request.user.is_authenticated:
        return render(request, "today/welcome.html")
    assert isinstance(request.user, User)
    user, pairing = request.user, request_pairing(request)
    daily = services.daily_get_or_create(user=user, pairing=pairing)
    panel = daily_panel(daily, user, pairing)
    if panel.revealed and panel.replies:
        services.read_mark(daily=daily, user=user, pairing=pairing)
    context = {
        "panel": panel,
        "on_today": True,
        "latest": None if panel.revealed else latest_reveal(user, pairing, before=daily.day),
        "unread": [r for r in unread_replies(user, pairing) if r.daily_id != daily.pk],
    }
    return render(request, "today/home.html", context)


@cache_control(no_store=True)
def quick_exit(request: HttpRequest) -> HttpResponse:
    """A plain, unbranded page the quick-exit control jumps to."""
    return render(request, "today/exit.html")
