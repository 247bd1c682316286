"""The pairing URLs that name something, for the URL-tree access matrix (nearer/tests)."""

from __future__ import annotations

from typing import Any

from nearer.tests.world import World


def unowned(world: World) -> dict[str, dict[str, Any]]:
    # Alice is paired, so she can have no live invite (invite_create refuses), and an
    # invite link is meant to be opened by someone outside the couple anyway. A token
    # that matches no invite is what the matrix can check: join_by_link answers it the
    # same way for everyone signed in (a redirect to the pairing page, nothing shown).
    return {"couples:join_by_link": {"token": "no-such-invite"}}
