from __future__ import annotations

from django.conf import settings
from django.db import models


class CachedPage(models.Model):
    """A page rendered for one person, kept while it is still true (pages.py).

    One row per person and slot (a page and its query string): storing a newer page
    replaces the older one, so the table holds at most a few rows per person.
    """

    key = models.CharField(max_length=64, primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    slot = models.CharField(max_length=200)
    body = models.BinaryField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["user", "slot"])]

    def __str__(self) -> str:
        return f"{self.slot} for person {self.user_id}"
