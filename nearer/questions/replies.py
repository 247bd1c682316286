"""What a reply under a day's reveal answers, for the coach's reply check."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse

from nearer.accounts.requests import person
from nearer.couples.pairing import request_pairing
from nearer.lib.rituals import ReplyTarget
from nearer.questions.access import get_daily_for_user
from nearer.questions.models import Answer


def find(request: HttpRequest, code: UUID) -> ReplyTarget:
    """The day behind its one door (404 for anyone else) and the partner's answer, if
    this person may already see it."""
    user, pairing = person(request), request_pairing(request)
    daily = get_daily_for_user(user, pairing, code)
    couple = pairing.couple if pairing else None
    theirs = (
        Answer.objects.visible_to(user, couple).filter(daily=daily).exclude(author=user).first()
    )
    return ReplyTarget(
        code=daily.code,
        message=theirs.text if theirs else "",
        send_url=reverse("questions:reply", args=[daily.code]),
        title=daily.question.text,
    )
