"""Load the practice catalogue from content/<lang>/practices.toml."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from nearer.lib.content import load_catalogue
from nearer.practices.models import Practice

FOLDER = Path(__file__).resolve().parent / "content"
FIELDS = ("name", "tagline", "why", "actions")


@transaction.atomic
def load() -> str:
    loaded, retired = load_catalogue(Practice, FOLDER, "practices", "practice", FIELDS)
    return f"{loaded} practices ({retired} retired)"
