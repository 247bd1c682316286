from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nearer.entries.models import Entry
from nearer.lib.content import localized

ANSWER_MAX = 2000
REPLY_MAX = 1000


class Depth(models.IntegerChoices):
    LIGHT = 1, "light"
    DEEPER = 2, "deeper"
    TENDER = 3, "tender"


class Question(models.Model):
    """A daily question from the content files, found by its stable slug."""

    slug = models.SlugField(max_length=60, unique=True)
    practice = models.ForeignKey("practices.Practice", models.PROTECT, related_name="questions")
    theme = models.SlugField(max_length=40)
    depth = models.PositiveSmallIntegerField(choices=Depth.choices)
    # {"en": {"text": ..., "follow_up": ...}}
    texts = models.JSONField(default=dict)
    retired = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.slug

    @property
    def text(self) -> str:
        return str(localized(self.texts, "text"))

    @property
    def follow_up(self) -> str:
        return str(localized(self.texts, "follow_up") or "")


class DailyQuestion(models.Model):
    """The question of one day, for one couple or for one person on their own."""

    class Kind(models.TextChoices):
        NEW = "new"
        REVISIT = "revisit"  # a deliberate "has this changed?" ask

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(
        "couples.Couple", models.CASCADE, null=True, blank=True, related_name="daily_questions"
    )
    solo_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="solo_daily_questions",
    )
    day = models.DateField()
    question = models.ForeignKey(Question, models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NEW)
    revisit_of = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="+")
    swaps = models.PositiveSmallIntegerField(default=0)
    # Ids of the questions swapped away from this day, so a later swap never hands
    # one of them back.
    swapped_away = models.JSONField(default=list, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(couple__isnull=True) ^ Q(solo_user__isnull=True),
                name="daily_question_has_one_owner",
            ),
            models.UniqueConstraint(
                fields=["couple", "day"],
                condition=Q(couple__isnull=False),
                name="one_question_a_day_per_couple",
            ),
            models.UniqueConstraint(
                fields=["solo_user", "day"],
                condition=Q(solo_user__isnull=False),
                name="one_question_a_day_per_person",
            ),
        ]
        indexes = [
            models.Index(fields=["couple", "-day"], name="daily_couple_day"),
            models.Index(fields=["solo_user", "-day"], name="daily_solo_day"),
            models.Index(fields=["couple", "question"], name="daily_couple_question"),
            models.Index(fields=["solo_user", "question"], name="daily_solo_question"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.question_id}"


class Answer(Entry):
    """One person's answer. With a partner it is revealed only when both have answered;
    answered alone it stays private for good."""

    daily = models.ForeignKey(DailyQuestion, models.CASCADE, related_name="answers")
    # The wording the person was shown, so later content edits never rewrite history.
    shown_text = models.CharField(max_length=300)
    text = models.TextField(max_length=ANSWER_MAX)

    class Meta(Entry.Meta):
        constraints = [
            *Entry.Meta.constraints,
            models.UniqueConstraint(fields=["daily", "author"], name="one_answer_per_person"),
        ]

    def __str__(self) -> str:
        return f"answer {self.code}"

    def export_fields(self) -> dict[str, Any]:
        return {"day": self.daily.day.isoformat(), "question": self.shown_text, "answer": self.text}


class Reply(Entry):
    """A reply under a reveal, shared with the partner."""

    daily = models.ForeignKey(DailyQuestion, models.CASCADE, related_name="replies")
    text = models.TextField(max_length=REPLY_MAX)

    class Meta(Entry.Meta):
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"reply {self.code}"

    def export_fields(self) -> dict[str, Any]:
        return {"day": self.daily.day.isoformat(), "reply": self.text}


class ReadMark(models.Model):
    """Up to when a person has read a day's replies. Never shown to anyone else:
    there are no read receipts in Nearer."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    daily = models.ForeignKey(DailyQuestion, models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "daily"], name="one_read_mark_per_person")
        ]

    def __str__(self) -> str:
        return f"read mark {self.user_id}/{self.daily_id}"
