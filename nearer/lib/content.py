"""Shared helpers for content kept in TOML files, one folder per language.

The English file is the source; `<app>/content/<lang>/<name>.toml` may translate any
item by slug. Each item's texts are stored per language in one JSON field, so adding
a language never needs a migration.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from django.conf import settings
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
