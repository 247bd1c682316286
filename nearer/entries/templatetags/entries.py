"""Template tags every ritual's templates may use."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from nearer.lib import rituals

register = template.Library()


@register.simple_tag(takes_context=True)
def reply_tools(context: template.Context, kind: str, code: Any) -> SafeString:
    """What installed rituals offer under a reply form (the coach's "How might this
    land?"), for the entry `<kind>:<code>` being replied to. Put it inside the form."""
    assert context.template is not None
    engine = context.template.engine
    parts = []
    for name in rituals.reply_tools():
        with context.push(kind=kind, code=code):
            parts.append(engine.get_template(name).render(context))
    return mark_safe("".join(parts))  # noqa: S308 - our own templates, rendered autoescaped


@register.simple_tag(takes_context=True)
def card(context: template.Context, today_card: Any) -> SafeString:
    """One Today card (nearer.lib.rituals.TodayCard) with the data its function gave."""
    assert context.template is not None
    engine = context.template.engine
    with context.push(**today_card.context):
        return mark_safe(engine.get_template(today_card.template).render(context))  # noqa: S308
