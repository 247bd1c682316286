"""A few weeks of answered questions for the demo couple (`manage.py demo`)."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from nearer.accounts.models import User
from nearer.couples.days import shared_today
from nearer.couples.models import Couple
from nearer.entries.models import Visibility
from nearer.questions.models import Answer, DailyQuestion, Question, Reply

DEMO_FILE = Path(__file__).resolve().parent / "demo.toml"


def fill(first: User, second: User, couple: Couple) -> None:
    days = tomllib.loads(DEMO_FILE.read_text(encoding="utf-8"))["day"]
    start = shared_today([first, second]) - timedelta(days=len(days) + 7)
    questions = {q.slug: q for q in Question.objects.filter(slug__in=[d["question"] for d in days])}
    for offset, item in enumerate(days):
        day = start + timedelta(days=offset + offset // 2)
        _day(couple, first, second, day, questions[item["question"]], item)


def _day(
    couple: Couple, first: User, second: User, day: date, question: Question, item: dict[str, str]
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
