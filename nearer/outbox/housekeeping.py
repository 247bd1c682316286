"""Background clean-up of e-mails already delivered (run by the worker)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from nearer.lib.schedule import resting
from nearer.outbox.models import OutboxMessage

BATCH = 500


@resting(3600)
def prune_sent() -> bool:
    """Worker job: delete e-mails sent, or given up on, more than
    OUTBOX_SENT_RETENTION_DAYS ago, a batch at a time, about once an hour. A sent row
    still holds the address, the name and the links; it is kept only long enough to
    answer "did my e-mail go out?". True when it deleted any (so it runs again)."""
    cutoff = timezone.now() - timedelta(days=settings.OUTBOX_SENT_RETENTION_DAYS)
    done = OutboxMessage.objects.filter(Q(sent_at__lt=cutoff) | Q(failed_at__lt=cutoff))
    deleted, _ = OutboxMessage.objects.filter(
        pk__in=list(done.values_list("pk", flat=True)[:BATCH])
    ).delete()
    return deleted > 0
