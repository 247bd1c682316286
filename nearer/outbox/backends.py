from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

log = logging.getLogger("nearer.mail")


def _html_part(message: EmailMessage) -> str:
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            return str(content)
    return ""


class OutboxBackend(BaseEmailBackend):
    """Django's e-mail API writes here: one outbox row per recipient."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from nearer.outbox.models import OutboxMessage

        rows = [
            OutboxMessage(
                to=recipient,
                from_email=message.from_email,
                subject=str(message.subject)[:200],
                body_text=str(message.body),
                body_html=_html_part(message),
            )
            for message in email_messages
            for recipient in message.recipients()
        ]
        OutboxMessage.objects.bulk_create(rows)
        return len(email_messages)


class LogDeliveryBackend(BaseEmailBackend):
    """Where no SMTP server is configured, the worker writes each e-mail to the log,
    so a self-hoster can copy a confirmation link from there."""

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently)

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            log.info(
                "E-mail (no SMTP server configured) to %s\nSubject: %s\n\n%s",
                ", ".join(message.recipients()),
                message.subject,
                message.body,
            )
        return len(email_messages)
