from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from nearer.accounts.requests import person
from nearer.couples.pairing import request_pairing
from nearer.keptpages.pages import per_person
from nearer.lib import rituals
from nearer.lib.http import public


@dataclass(frozen=True)
class ShownCard:
    name: str
    template: str
    context: dict[str, Any]


@per_person("today")
@public("the welcome page for visitors; signed in, each person's own Today")
def home(request: HttpRequest) -> HttpResponse:
    """Today: every installed ritual's card, in order, then the way to pair."""
    if not request.user.is_authenticated:
        return render(request, "today/welcome.html")
    user, pairing = person(request), request_pairing(request)
    cards = []
    for card in rituals.cards():
        data = card.data(request, user, pairing)
        if data is not None:
            cards.append(ShownCard(card.name, card.template, dict(data)))
    return render(request, "today/home.html", {"cards": cards})


@cache_control(no_store=True)
@public("the plain page the quick-exit control jumps to")
def quick_exit(request: HttpRequest) -> HttpResponse:
    """A plain, unbranded page the quick-exit control jumps to."""
    return render(request, "today/exit.html")
