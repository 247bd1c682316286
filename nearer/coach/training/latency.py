"""Per-reply latency of the inference path, measured with ``time.perf_counter``."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from nearer.coach.model.scoring import Model

LONG_CHARS = 20_000


@contextmanager
def one_core() -> Iterator[None]:
    """Pin this process to a single CPU while measuring (where the OS allows it)."""
    get = getattr(os, "sched_getaffinity", None)
    set_ = getattr(os, "sched_setaffinity", None)
    if get is None or set_ is None:
        yield
        return
    before = get(0)
    set_(0, {min(before)})
    try:
        yield
    finally:
        set_(0, before)


def long_pairs(count: int = 50) -> list[tuple[str, str]]:
    """Pasted-essay inputs: message and reply of ``LONG_CHARS`` characters each."""
    base = (
        "I hear you, and I know the week has been a lot. Did you get a chance to talk to her "
        "about it? You should probably sleep on it. 😊 "
    )
    pairs = []
    for i in range(count):
        text = (f"{i} " + base * (LONG_CHARS // len(base) + 1))[:LONG_CHARS]
        pairs.append((text, text[::-1] if i % 2 else text))
    return pairs


def measure(model: Model, pairs: Sequence[tuple[str, str]], repeat: int = 3) -> dict[str, float]:
    """Milliseconds per reply: p50, p95, p99 and max over ``repeat`` passes (after a warm-up)."""
    for message, reply in pairs[:5]:
        model.score(message, reply)
    timings = []
    with one_core():
        for _ in range(repeat):
            for message, reply in pairs:
                start = time.perf_counter()
                model.score(message, reply)
                timings.append(time.perf_counter() - start)
    ms = np.asarray(timings) * 1000.0
    return {
        "n": len(ms),
        "p50_ms": round(float(np.percentile(ms, 50)), 3),
        "p95_ms": round(float(np.percentile(ms, 95)), 3),
        "p99_ms": round(float(np.percentile(ms, 99)), 3),
        "max_ms": round(float(ms.max()), 3),
    }
