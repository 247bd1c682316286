from __future__ import annotations

from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "nearer.questions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nearer.lib import rituals
        from nearer.questions.ritual import ritual

        rituals.register(ritual())
