"""Load the listening-practice statements from content/<lang>/practice_statements.toml."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from nearer.coach.models import PracticeStatement
from nearer.lib.content import load_catalogue

FOLDER = Path(__file__).resolve().parent / "content"
FIELDS = ("text", "model_reply", "why_it_works")


@transaction.atomic
def load() -> str:
    loaded, retired = load_catalogue(
        PracticeStatement,
        FOLDER,
        "practice_statements",
        "statement",
        FIELDS,
        extra=lambda item: {"mood": item.get("mood", "everyday")},
    )
    return f"{loaded} listening-practice statements ({retired} retired)"
