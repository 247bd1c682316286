"""The accounts URLs that name an object, for the URL-tree access matrix (nearer/tests)."""

from __future__ import annotations

from typing import Any

from nearer.tests.world import World


def owned(world: World) -> dict[str, dict[str, Any]]:
    # A second device of Alice's: Bob, as much as any stranger, must get 404 for it.
    return {"accounts:end_session": {"code": world.alice_phone.code}}
