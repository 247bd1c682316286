from __future__ import annotations

from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "nearer.practices"
    default_auto_field = "django.db.models.BigAutoField"
