"""Load the daily questions from content/<lang>/<theme>.toml (the theme is the file name)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from nearer.lib.content import ContentError, read_file
from nearer.practices.models import Practice
from nearer.questions.models import Question

FOLDER = Path(__file__).resolve().parent / "content"
TEXT_MAX = 200


def _read_language(lang: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """slug -> (theme, item) for every file of one language."""
    items: dict[str, tuple[str, dict[str, Any]]] = {}
    for path in sorted((FOLDER / lang).glob("*.toml")):
        for item in read_file(path, "question"):
            if item["slug"] in items:
                raise ContentError(f"{path}: question slug {item['slug']!r} is used twice")
            items[item["slug"]] = (path.stem, item)
    return items


def _check(slug: str, item: dict[str, Any], practices: dict[str, Practice]) -> None:
    text = item.get("text", "")
    if not isinstance(text, str) or not 0 < len(text) <= TEXT_MAX:
        raise ContentError(f"question {slug!r}: text must be 1 to {TEXT_MAX} characters")
    if item.get("practice") not in practices:
        raise ContentError(f"question {slug!r}: unknown practice {item.get('practice')!r}")
    if item.get("depth") not in (1, 2, 3):
        raise ContentError(f"question {slug!r}: depth must be 1, 2 or 3")


@transaction.atomic
def load() -> str:
    english = _read_language("en")
    if not english:
        raise ContentError(f"no question files in {FOLDER / 'en'}")
    translations = {
        code: _read_language(code) for code, _label in settings.LANGUAGES if code != "en"
    }
    practices = {p.slug: p for p in Practice.objects.all()}
    existing = {q.slug: q for q in Question.objects.all()}
    to_create: list[Question] = []
    to_update: list[Question] = []
    for slug, (theme, item) in english.items():
        _check(slug, item, practices)
        texts = {"en": {"text": item["text"], "follow_up": item.get("follow_up", "")}}
        for code, items in translations.items():
            if slug in items:
                other = items[slug][1]
                texts[code] = {
                    "text": other.get("text", ""),
                    "follow_up": other.get("follow_up", ""),
                }
        fields = {
            "practice": practices[item["practice"]],
            "theme": theme,
            "depth": item["depth"],
            "texts": texts,
            "retired": False,
        }
        question = existing.get(slug) or Question(slug=slug)
        for name, value in fields.items():
            setattr(question, name, value)
        (to_update if question.pk else to_create).append(question)
    Question.objects.bulk_create(to_create)
    Question.objects.bulk_update(to_update, ["practice", "theme", "depth", "texts", "retired"])
    # Questions dropped from the files are retired, never deleted: history points at them.
    retired = Question.objects.exclude(slug__in=english.keys()).update(retired=True)
    return f"{len(english)} questions ({len(to_create)} new, {retired} retired)"
