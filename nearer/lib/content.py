"""Shared helpers for content kept in TOML files, one folder per language.

The English file is the source; `<app>/content/<lang>/<name>.toml` may translate any
item by slug. Each item's texts are stored per language in one JSON field, so adding
a language never needs a migration.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.utils.translation import get_language

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$")


class ContentError(Exception):
    """A content file that can't be loaded, with the file and item named."""


def read_items(folder: Path, name: str, table: str) -> dict[str, list[dict[str, Any]]]:
    """Items of `table` in `<folder>/<lang>/<name>.toml` for every configured language."""
    found: dict[str, list[dict[str, Any]]] = {}
    for code, _label in settings.LANGUAGES:
        path = folder / code / f"{name}.toml"
        if path.exists():
            found[code] = read_file(path, table)
    return found


def read_file(path: Path, table: str) -> list[dict[str, Any]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: {exc}") from exc
    items = data.get(table, [])
    seen: set[str] = set()
    for index, item in enumerate(items):
        slug = item.get("slug", "")
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            raise ContentError(f"{path}: item {index} has a bad slug {slug!r}")
        if slug in seen:
            raise ContentError(f"{path}: slug {slug!r} appears twice")
        seen.add(slug)
    return list(items)


def localized(texts: dict[str, dict[str, Any]], field: str) -> Any:
    """A field in the active language, falling back to English."""
    lang = (get_language() or "en").split("-")[0]
    return texts.get(lang, {}).get(field) or texts.get("en", {}).get(field, "")


def load_catalogue(
    model: type[Model],
    folder: Path,
    name: str,
    table: str,
    fields: tuple[str, ...],
    extra: Callable[[dict[str, Any]], dict[str, Any]] = lambda item: {},
) -> tuple[int, int]:
    """Load a slugged catalogue (practices, practice statements) into `model`.

    English holds every required field; other languages may translate any of them.
    Items keep their file order in `position`; a slug gone from the English file is
    retired, never deleted. Returns (items loaded, items retired). Run it inside a
    transaction.
    """
    by_lang = read_items(folder, name, table)
    if "en" not in by_lang:
        raise ContentError(f"{folder}/en/{name}.toml is missing")
    texts: dict[str, dict[str, dict[str, Any]]] = {}
    for lang, items in by_lang.items():
        for item in items:
            missing = [f for f in fields if lang == "en" and not item.get(f)]
            if missing:
                raise ContentError(f"{table} {item['slug']!r} lacks {', '.join(missing)}")
            texts.setdefault(item["slug"], {})[lang] = {f: item[f] for f in fields if f in item}
    english = by_lang["en"]
    manager = model._default_manager
    for position, item in enumerate(english):
        defaults = {"position": position, "texts": texts[item["slug"]], "retired": False}
        manager.update_or_create(slug=item["slug"], defaults={**defaults, **extra(item)})
    slugs = [item["slug"] for item in english]
    return len(slugs), manager.exclude(slug__in=slugs).update(retired=True)
