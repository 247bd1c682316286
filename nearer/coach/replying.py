"""Where a reply is being written, and what it answers.

Every ritual whose entries take replies declares a reply kind (nearer.lib.rituals), and
its reply forms offer "How might this land?" naming the entry as `<kind>:<code>`. Each
kind resolves through that ritual's own access door, so the check can read only what
this person may already see.
"""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest

from nearer.lib import rituals
from nearer.lib.rituals import ReplyTarget


def reply_target(request: HttpRequest, about: str) -> ReplyTarget:
    kind, _sep, raw_code = about.partition(":")
    try:
        code = UUID(raw_code)
    except ValueError as exc:
        raise Http404 from exc
    found = rituals.reply_kind(kind)
    if found is None:
        raise Http404
    return found.find(request, code)
