from __future__ import annotations

from typing import Any

from django.db import models

from nearer.lib.content import localized


class Practice(models.Model):
    """One practice for emotional closeness. Loaded from content files by slug, so an
    edit to the files never orphans what refers to a practice."""

    slug = models.SlugField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    # {"en": {"name": ..., "tagline": ..., "why": ..., "actions": [...]}}; what Nearer
    # offers for the practice comes from the installed rituals (nearer.lib.rituals).
    texts = models.JSONField(default=dict)
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.slug

    def _text(self, field: str) -> Any:
        return localized(self.texts, field)

    @property
    def name(self) -> str:
        return str(self._text("name"))

    @property
    def tagline(self) -> str:
        return str(self._text("tagline"))

    @property
    def why(self) -> str:
        return str(self._text("why"))

    @property
    def actions(self) -> list[str]:
        return list(self._text("actions") or [])
