"""Background clean-up of sign-ins that have ended (run by the worker)."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef
from django.utils import timezone

from nearer.accounts.models import DeviceSession
from nearer.lib.schedule import resting

BATCH = 500


@resting(3600)
def prune_sessions() -> bool:
    """Delete expired sessions and the device rows of sessions that are gone, a batch
    at a time, about once an hour. True when it deleted something (so it runs again)."""
    expired = Session.objects.filter(expire_date__lt=timezone.now()).values_list(
        "session_key", flat=True
    )[:BATCH]
    deleted, _ = Session.objects.filter(session_key__in=list(expired)).delete()
    orphans = DeviceSession.objects.filter(
        ~Exists(Session.objects.filter(session_key=OuterRef("session_key")))
    ).values_list("pk", flat=True)[:BATCH]
    deleted += DeviceSession.objects.filter(pk__in=list(orphans)).delete()[0]
    return bool(deleted)
