"""Small model helpers shared by several apps."""

from __future__ import annotations

from typing import Any

from django.db import models


class KeepsStateVersion(models.Model):
    """For a model with a `state_version` the database moves (nearer.keptpages.freshness).

    A full `save()` would write back the version read with the instance and undo a bump
    made meanwhile, so a stale kept page could match its key again. Saves here leave
    the column to the database unless `update_fields` names it.
    """

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is None and not self._state.adding:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "state_version"
            ]
        super().save(*args, **kwargs)
