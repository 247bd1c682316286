from __future__ import annotations

from django.apps import AppConfig


class EntriesConfig(AppConfig):
    name = "nearer.entries"
    default_auto_field = "django.db.models.BigAutoField"
