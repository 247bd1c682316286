"""Create a demo couple with a few weeks of history, so a newcomer can look around."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from nearer.accounts.models import User
from nearer.couples.models import Couple, Membership
from nearer.entries.models import Visibility
from nearer.questions.days import shared_today
from nearer.questions.models import Answer, DailyQuestion, Question, Reply

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo.toml"
DEMO_PASSWORD = "nearer-demo-password"  # noqa: S105 - printed for the demo on purpose
PEOPLE = (
    ("Sam", "sam@demo.nearer", "Europe/London"),
    ("Alex", "alex@demo.nearer", "Europe/Berlin"),
)


class Command(BaseCommand):
    help = "Create (or refresh) a demo couple, Sam and Alex, with a few weeks of history."

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
        days = tomllib.loads(DEMO_FILE.read_text(encoding="utf-8"))["day"]
        today = shared_today([first, second])
        start = today - timedelta(days=len(days) + 7)
        couple = Couple.objects.create(created_at=timezone.now() - timedelta(days=len(days) + 8))
        Membership.objects.create(couple=couple, user=first, seat=1, joined_at=couple.created_at)
        Membership.objects.create(couple=couple, user=second, seat=2, joined_at=couple.created_at)
        questions = {
            q.slug: q for q in Question.objects.filter(slug__in=[d["question"] for d in days])
        }
        for offset, item in enumerate(days):
            day = start + timedelta(days=offset * 1 + offset // 2)
            self._day(couple, first, second, day, questions[item["question"]], item)
        for user in (first, second):
            self.stdout.write(f"Demo: sign in as {user.email} with password {DEMO_PASSWORD}")

    def _day(
        self,
        couple: Couple,
        first: User,
        second: User,
        day: date,
        question: Question,
        item: dict[str, str],
    ) -> None:
        at = timezone.make_aware(datetime.combine(day, time(19)))
        daily = DailyQuestion.objects.create(
            couple=couple, day=day, question=question, revealed_at=at, created_at=at
        )
        for author, text in ((first, item["first"]), (second, item["second"])):
            Answer.objects.create(
                daily=daily,
                author=author,
                couple=couple,
                visibility=Visibility.REVEAL,
                shown_text=question.text,
                text=text,
                revealed_at=at,
                created_at=at,
                updated_at=at,
            )
        if item.get("reply"):
            Reply.objects.create(
                daily=daily,
                author=first,
                couple=couple,
                visibility=Visibility.SHARED,
                text=item["reply"],
                created_at=at + timedelta(hours=1),
            )
