"""Every unit of background work the worker runs. Each returns True when it did
something (so the worker asks again at once) and False when nothing was due."""

from __future__ import annotations

from collections.abc import Callable

from nearer.accounts.housekeeping import prune_sessions
from nearer.keptpages.pages import prune_expired
from nearer.lib import rituals
from nearer.limits.counters import prune_counters
from nearer.outbox.delivery import deliver_one
from nearer.outbox.housekeeping import prune_sent

# The core's own jobs; each ritual adds its own (nearer.lib.rituals.Ritual.jobs).
CORE_JOBS: list[Callable[[], bool]] = [
    deliver_one,
    prune_sent,
    prune_sessions,
    prune_expired,
    prune_counters,
]


def all_jobs() -> list[Callable[[], bool]]:
    return [*CORE_JOBS, *rituals.jobs()]
