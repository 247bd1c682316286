"""What accounts tells the apps above it, which it must not import."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside account_delete's transaction, before the person is deleted, with `user=`.
person_leaving = Signal()
