from __future__ import annotations

from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "nearer.coach"
    default_auto_field = "django.db.models.BigAutoField"
