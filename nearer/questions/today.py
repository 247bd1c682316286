"""Today's question on Today: the day's panel, replies not yet read, the latest reveal."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from nearer.accounts.models import User
from nearer.couples.pairing import Pairing
from nearer.questions import services
from nearer.questions.panels import daily_panel, latest_reveal, unread_replies


def card(request: HttpRequest, user: User, pairing: Pairing | None) -> dict[str, Any]:
    daily = services.daily_get_or_create(user=user, pairing=pairing)
    panel = daily_panel(daily, user, pairing)
    if panel.revealed and panel.replies:
        services.read_mark(daily=daily, user=user)
    return {
        "panel": panel,
        "on_today": True,
        "latest": None if panel.revealed else latest_reveal(user, pairing, before=daily.day),
        "unread": [r for r in unread_replies(user, pairing) if r.daily_id != daily.pk],
    }
