from __future__ import annotations

from django.apps import AppConfig


class CouplesConfig(AppConfig):
    name = "nearer.couples"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nearer.accounts.signals import person_leaving
        from nearer.couples.services import couple_end_for_leaving_person

        person_leaving.connect(couple_end_for_leaving_person, dispatch_uid="couples-leaving")
