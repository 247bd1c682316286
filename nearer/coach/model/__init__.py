"""The listening coach's inference path: NumPy and plain Python only.

    from nearer.coach.model import score
    result = score("I got the job!", "What was the moment you found out like?")
    result.primary, result.skills["open_question"]

Nothing is loaded on import; the committed weights are read on first use and cached.
"""

from __future__ import annotations

import functools

from nearer.coach.model.labels import PRIMARY_LABELS, SKILLS
from nearer.coach.model.scoring import Model, Result

__all__ = ["PRIMARY_LABELS", "SKILLS", "Model", "Result", "load_model", "score"]


@functools.cache
def load_model() -> Model:
    """The committed model, loaded once per process."""
    return Model.load()


def score(message: str, reply: str) -> Result:
    """Score one reply to the partner's message (``message`` may be empty)."""
    return load_model().score(message, reply)
