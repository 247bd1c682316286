"""Practice mode's statements and each person's private record of their tries.

The listening check itself stores nothing: a draft reply is scored and forgotten.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from nearer.lib.content import localized


class PracticeStatement(models.Model):
    """Something a partner might say, to practise reflecting back. Loaded by slug."""

    slug = models.SlugField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    mood = models.SlugField(max_length=20)
    # {"en": {"text": ..., "model_reply": ..., "why_it_works": ...}}
    texts = models.JSONField(default=dict)
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.slug

    @property
    def text(self) -> str:
        return str(localized(self.texts, "text"))

    @property
    def model_reply(self) -> str:
        return str(localized(self.texts, "model_reply"))

    @property
    def why_it_works(self) -> str:
        return str(localized(self.texts, "why_it_works"))


class PracticeAttempt(models.Model):
    """One try at reflecting a statement back: only what the coach noticed, never the
    text typed. Private to the person; nobody else has any way to see it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    statement = models.ForeignKey(PracticeStatement, models.CASCADE, related_name="+")
    reflected = models.BooleanField()  # reflected the feeling or put it in their own words
    slipped = models.BooleanField()  # advice first, judging, minimising, dismissing, self-focus
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"], name="attempt_user_time")]

    def __str__(self) -> str:
        return f"attempt {self.user_id}/{self.statement_id}"
