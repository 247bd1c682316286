"""The question URLs that name a day, for the URL-tree access matrix (nearer/tests)."""

from __future__ import annotations

from typing import Any

from nearer.tests.world import World

NAMES = ("questions:daily", "questions:answer", "questions:reply", "questions:swap")


def owned(world: World) -> dict[str, list[dict[str, Any]]]:
    # Both of the couple's days: the revealed one (what outsiders must never see) and the
    # one only Alice answered (what Bob must not see yet either).
    return {
        name: [{"code": world.revealed.code}, {"code": world.unrevealed.code}] for name in NAMES
    }
