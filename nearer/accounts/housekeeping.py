"""Background clean-up of sign-ins that have ended (run by the worker)."""

from __future__ import annotations

import time

from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef
from django.utils import timezone

from nearer.accounts.models import DeviceSession

BATCH = 500
EVERY_SECONDS = 3600
_next_run = 0.0


def prune_sessions() -> bool:
    """Delete expired sessions and the device rows of sessions that are gone, a batch
    at a time, about once an hour. True when it deleted something (so it runs again)."""
    global _next_run
    if time.monotonic() < _next_run:
        return False
    expired = Session.objects.filter(expire_date__lt=timezone.now()).values_list(
        "session_key", flat=True
    )[:BATCH]
    deleted, _ = Session.objects.filter(session_key__in=list(expired)).delete()
    orphans = DeviceSession.objects.filter(
        ~Exists(Session.objects.filter(session_key=OuterRef("session_key")))
    ).values_list("pk", flat=True)[:BATCH]
    deleted += DeviceSession.objects.filter(pk__in=list(orphans)).delete()[0]
    if not deleted:
        _next_run = time.monotonic() + EVERY_SECONDS
    return bool(deleted)


def reset_schedule() -> None:
    """Make the next call run (tests)."""
    global _next_run
    _next_run = 0.0
