"""The listening coach's URLs, for the URL-tree access matrix (nearer/tests)."""

from __future__ import annotations

from typing import Any

from nearer.tests.world import World


def unowned(world: World) -> dict[str, dict[str, Any]]:
    # Practice statements are content: the same page for everyone signed in.
    return {"coach:practice": {"slug": world.statement.slug}}


def owned_posts(world: World) -> dict[str, list[dict[str, Any]]]:
    # The reply check names its day in the form, not the URL: it must answer 404 to
    # outsiders, and to Bob it must not read out Alice's answer before the reveal.
    return {
        "coach:check": [
            {"about": f"daily:{day.code}", "text": "That sounds hard."}
            for day in (world.revealed, world.unrevealed)
        ]
    }
