"""Load the listening-practice statements from content/<lang>/practice_statements.toml."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from nearer.coach.models import PracticeStatement
from nearer.lib.content import ContentError, read_items

FOLDER = Path(__file__).resolve().parent / "content"
FIELDS = ("text", "model_reply", "why_it_works")


@transaction.atomic
def load() -> str:
    by_lang = read_items(FOLDER, "practice_statements", "statement")
    if "en" not in by_lang:
        raise ContentError(f"{FOLDER}/en/practice_statements.toml is missing")
    texts: dict[str, dict[str, dict[str, str]]] = {}
    for lang, items in by_lang.items():
        for item in items:
            if lang == "en" and not all(item.get(f) for f in FIELDS):
                raise ContentError(f"statement {item['slug']!r} needs {', '.join(FIELDS)}")
            texts.setdefault(item["slug"], {})[lang] = {f: item[f] for f in FIELDS if f in item}
    english = by_lang["en"]
    for position, item in enumerate(english):
        PracticeStatement.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "position": position,
                "mood": item.get("mood", "everyday"),
                "texts": texts[item["slug"]],
                "retired": False,
            },
        )
    slugs = [item["slug"] for item in english]
    retired = PracticeStatement.objects.exclude(slug__in=slugs).update(retired=True)
    return f"{len(slugs)} listening-practice statements ({retired} retired)"
