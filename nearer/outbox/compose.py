"""Render an e-mail from its three templates and put it in the outbox."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string


def _render_plain(name: str, context: dict[str, Any]) -> str:
    # Plain text is not HTML: a name like "Léa <b>" is written as typed, never as
    # "Léa &lt;b&gt;". Only the HTML part escapes.
    template = get_template(name).template  # type: ignore[attr-defined]
    return str(template.render(Context(context, autoescape=False)))


def send_templated(to: str, name: str, context: dict[str, Any]) -> None:
    """Queue the e-mail `emails/<name>-{subject,body}.txt` + `-body.html` for `to`.

    The configured backend writes it to the outbox table inside the caller's
    transaction; the worker delivers it.
    """
    ctx = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(_render_plain(f"emails/{name}-subject.txt", ctx).split())
    text = _render_plain(f"emails/{name}-body.txt", ctx)
    html = render_to_string(f"emails/{name}-body.html", ctx)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()
