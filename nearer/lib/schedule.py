"""Worker jobs that need not look for work on every pass."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import update_wrapper


class Resting:
    """A job that, once it finds nothing to do, rests `seconds` before looking again."""

    def __init__(self, job: Callable[[], bool], seconds: float) -> None:
        self.job, self.seconds, self.next_run = job, seconds, 0.0
        update_wrapper(self, job)

    def __call__(self) -> bool:
        if time.monotonic() < self.next_run:
            return False
        did_something = self.job()
        if not did_something:
            self.next_run = time.monotonic() + self.seconds
        return did_something

    def wake(self) -> None:
        """Let the next call look for work at once (tests)."""
        self.next_run = 0.0


def resting(seconds: float) -> Callable[[Callable[[], bool]], Resting]:
    return lambda job: Resting(job, seconds)
