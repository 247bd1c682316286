"""Every unit of background work the worker runs. Each returns True when it did
something (so the worker asks again at once) and False when nothing was due."""

from __future__ import annotations

from collections.abc import Callable

from nearer.accounts.housekeeping import prune_sessions
from nearer.outbox.delivery import deliver_one
from nearer.today.page_cache import prune_expired

JOBS: list[Callable[[], bool]] = [deliver_one, prune_sessions, prune_expired]
