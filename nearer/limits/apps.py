from __future__ import annotations

from django.apps import AppConfig


class LimitsConfig(AppConfig):
    name = "nearer.limits"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "rate limits"
