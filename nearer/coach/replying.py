"""Where a reply is being written, and what it answers.

Every ritual with replies offers "How might this land?" by naming what the reply is
about as `<kind>:<code>`. Each kind resolves through its own access helper, so the
check can read only what this person may already see.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.http import Http404
from django.urls import reverse

from nearer.lib.http import HtmxHttpRequest


@dataclass(frozen=True)
class ReplyContext:
    kind: str  # what is being replied to: "daily", …
    code: UUID
    message: str  # what the partner shared, which the reply answers
    send_url: str  # where the reply form posts
    title: str  # what the person is replying to, for the no-JavaScript page


def reply_context(request: HtmxHttpRequest, about: str) -> ReplyContext:
    kind, _sep, raw_code = about.partition(":")
    try:
        code = UUID(raw_code)
    except ValueError as exc:
        raise Http404 from exc
    if kind == "daily":
        return _daily(request, code)
    raise Http404


def _daily(request: HtmxHttpRequest, code: UUID) -> ReplyContext:
    from nearer.questions.views import partner_answer_for

    daily, theirs = partner_answer_for(request, code)
    return ReplyContext(
        kind="daily",
        code=daily.code,
        message=theirs.text if theirs else "",
        send_url=reverse("questions:reply", args=[daily.code]),
        title=daily.question.text,
    )
