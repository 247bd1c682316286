"""Pick the reply's primary label from skill scores and the learned primary head.

COACH-LABELS.md orders the primary label: input, then other (a harmful move),
then reflection, then question, then other. When skill scores are confident
(at least ``confident``), that order decides, so the primary never contradicts
the skills shown beside it. When no skill is confident the learned primary
head decides: it was trained on AnnoMI's expert primary labels as well as our
own, and handles the blurry middle better than thresholds do.
"""

from __future__ import annotations

from collections.abc import Mapping

from nearer.coach.model.labels import (
    HARMFUL_SKILLS,
    INPUT_SKILLS,
    PRIMARY_LABELS,
    QUESTION_SKILLS,
    REFLECTION_SKILLS,
)

_ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("input", INPUT_SKILLS),
    ("other", HARMFUL_SKILLS),
    ("reflection", REFLECTION_SKILLS),
    ("question", QUESTION_SKILLS),
)


def by_precedence(skills: Mapping[str, float], threshold: float) -> str | None:
    """The first precedence step whose skills reach ``threshold``, else None."""
    for label, group in _ORDER:
        if max(skills[name] for name in group) >= threshold:
            return label
    return None


def decide(
    skills: Mapping[str, float],
    learned: Mapping[str, float],
    confident: float,
    steps: int = len(_ORDER),
) -> str:
    """Primary label: precedence over the first ``steps`` confident skill groups, else learned.

    A confident group only wins if no earlier group is plausibly present
    (at 0.5 or more): an uncertain "input" blocks a confident "reflection".
    """
    for label, group in _ORDER[:steps]:
        top = max(skills[name] for name in group)
        if top >= confident:
            return label
        if top >= 0.5:
            break
    return max(PRIMARY_LABELS, key=lambda name: learned[name])
