"""The couple's shared history, as one person may see it, for keeping before unpairing."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from nearer.accounts.models import User
from nearer.couples.models import Couple
from nearer.entries.models import Entry
from nearer.lib import rituals


def shared_history(user: User, couple: Couple) -> dict[str, Any]:
    """Everything of this couple that `user` may see, by way of the one visibility rule:
    one section per installed ritual, one list per entry type it declares."""
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "exported_by": user.display_name,
        "couple_since": couple.created_at.isoformat(),
        "entries": {},
    }
    for ritual in rituals.installed():
        for model in ritual.entry_types:
            assert issubclass(model, Entry)
            visible = model.objects.visible_to(user, couple).filter(couple=couple)
            rows = visible.select_related().order_by("created_at")
            data["entries"][model._meta.label_lower] = [entry_as_dict(e) for e in rows]
    return data


def entry_as_dict(entry: Entry) -> dict[str, Any]:
    return {
        "code": str(entry.code),
        "author": entry.author.display_name,
        "visibility": entry.visibility,
        "created_at": entry.created_at.isoformat(),
        **entry.export_fields(),
    }
