"""The practice pages, for the URL-tree access matrix (nearer/tests)."""

from __future__ import annotations

from typing import Any

from nearer.tests.world import World


def unowned(world: World) -> dict[str, dict[str, Any]]:
    # Practices are content: the same page for everyone signed in.
    return {"practices:detail": {"slug": world.practice.slug}}
