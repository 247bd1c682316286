from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

MAX_ATTEMPTS = 8


class OutboxMessage(models.Model):
    """An e-mail waiting for the worker. Written in the same transaction as the change
    that caused it, so a rolled-back request never sends mail."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    to = models.EmailField(max_length=254)
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # A worker holds a message until this moment; a worker killed mid-send lets go
    # when it passes, and another worker picks the message up.
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_due_idx",
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"to {self.to}: {self.subject}"
