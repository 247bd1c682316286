"""The worker's unit of e-mail work: claim one due message, deliver it, record the result."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.utils import timezone

from nearer.outbox.models import MAX_ATTEMPTS, OutboxMessage

log = logging.getLogger("nearer.outbox")
CLAIM_SECONDS = 120


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2**attempts, 6 * 3600))


def _due() -> OutboxMessage | None:
    now = timezone.now()
    return (
        OutboxMessage.objects.filter(
            sent_at__isnull=True, failed_at__isnull=True, next_attempt_at__lte=now
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at", "id")
        .first()
    )


def deliver_one() -> bool:
    """Deliver one due message. Returns False when there was nothing to do."""
    message = _due()
    if message is None:
        return False
    now = timezone.now()
    # The conditional update is the claim: of several workers, exactly one wins.
    won = OutboxMessage.objects.filter(
        pk=message.pk, claimed_until=message.claimed_until, sent_at__isnull=True
    ).update(claimed_until=now + timedelta(seconds=CLAIM_SECONDS), attempts=F("attempts") + 1)
    if not won:
        return True
    message.refresh_from_db()
    email = EmailMultiAlternatives(
        message.subject, message.body_text, message.from_email, [message.to]
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        get_connection(settings.OUTBOX_DELIVERY_BACKEND).send_messages([email])
    except Exception as exc:  # any delivery failure is retried later, never lost
        _record_failure(message, exc)
        return True
    OutboxMessage.objects.filter(pk=message.pk).update(
        sent_at=timezone.now(), claimed_until=None, last_error=""
    )
    return True


def _record_failure(message: OutboxMessage, exc: Exception) -> None:
    log.warning("E-mail %s failed (attempt %s): %s", message.code, message.attempts, exc)
    now = timezone.now()
    fields: dict[str, object] = {"claimed_until": None, "last_error": str(exc)[:500]}
    if message.attempts >= MAX_ATTEMPTS:
        fields["failed_at"] = now
    else:
        fields["next_attempt_at"] = now + _backoff(message.attempts)
    OutboxMessage.objects.filter(pk=message.pk).update(**fields)
