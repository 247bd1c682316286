"""Load the practice catalogue from content/<lang>/practices.toml."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from nearer.lib.content import ContentError, read_items
from nearer.practices.models import Practice

FOLDER = Path(__file__).resolve().parent / "content"
FIELDS = ("name", "tagline", "why", "actions", "in_nearer")


@transaction.atomic
def load() -> str:
    by_lang = read_items(FOLDER, "practices", "practice")
    if "en" not in by_lang:
        raise ContentError(f"{FOLDER}/en/practices.toml is missing")
    texts: dict[str, dict[str, dict[str, object]]] = {}
    for lang, items in by_lang.items():
        for item in items:
            missing = [f for f in FIELDS if lang == "en" and not item.get(f)]
            if missing:
                raise ContentError(f"practice {item['slug']!r} lacks {', '.join(missing)}")
            texts.setdefault(item["slug"], {})[lang] = {f: item[f] for f in FIELDS if f in item}
    english = [item["slug"] for item in by_lang["en"]]
    for position, slug in enumerate(english):
        Practice.objects.update_or_create(
            slug=slug, defaults={"position": position, "texts": texts[slug], "retired": False}
        )
    retired = Practice.objects.exclude(slug__in=english).update(retired=True)
    return f"{len(english)} practices ({retired} retired)"
