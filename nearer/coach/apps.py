from __future__ import annotations

from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "nearer.coach"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nearer.coach.ritual import ritual
        from nearer.lib import rituals

        rituals.register(ritual())
