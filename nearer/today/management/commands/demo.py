"""Create a demo couple with a few weeks of history, so a newcomer can look around."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from nearer.accounts.models import User
from nearer.couples.models import Couple, Membership
from nearer.lib import rituals

DEMO_PASSWORD = "nearer-demo-password"  # noqa: S105 - printed for the demo on purpose
PEOPLE = (
    ("Sam", "sam@demo.nearer", "Europe/London"),
    ("Alex", "alex@demo.nearer", "Europe/Berlin"),
)
HISTORY_DAYS = 40


class Command(BaseCommand):
    help = "Create (or refresh) a demo couple, Sam and Alex, with every ritual's history."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        User.objects.filter(email__in=[p[1] for p in PEOPLE]).delete()
        first, second = (
            User.objects.create_user(
                email,
                DEMO_PASSWORD,
                display_name=name,
                time_zone=tz,
                email_confirmed_at=timezone.now(),
            )
            for name, email, tz in PEOPLE
        )
        since = timezone.now() - timedelta(days=HISTORY_DAYS)
        couple = Couple.objects.create(created_at=since)
        Membership.objects.create(couple=couple, user=first, seat=1, joined_at=since)
        Membership.objects.create(couple=couple, user=second, seat=2, joined_at=since)
        for ritual in rituals.installed():
            if ritual.demo is not None:
                ritual.demo(first, second, couple)
        for user in (first, second):
            self.stdout.write(f"Demo: sign in as {user.email} with password {DEMO_PASSWORD}")
