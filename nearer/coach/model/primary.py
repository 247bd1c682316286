"""Pick the reply's primary label from skill scores and the learned primary head.

COACH-LABELS.md orders the primary label: input, then other (a harmful move),
then reflection, then question, then other. When a skill group's score is
confident (at least that step's threshold), that order decides, so a clear
"you should..." is always input and a clear "calm down" always other. When no
skill is confident the learned primary head decides: it was trained on
AnnoMI's expert primary labels as well as our own and handles the blurry middle
better than thresholds do. A confident step also needs the learned head to give
its label some probability (the gate), so a lone over-confident skill cannot
override a head that is sure of something else. In the middle band (a skill at
0.5 to the threshold) the primary can disagree with a skill shown as present.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
    confident: Sequence[float],
    gate: float = 0.0,
) -> str:
    """Primary label: precedence over confident skill groups, else the learned head.

    ``confident`` holds one threshold per precedence step (input, harmful other,
    reflection, question); fewer thresholds apply the rule to fewer steps. A
    confident group only wins if no earlier group is plausibly present (at 0.5
    or more): an uncertain "input" blocks a confident "reflection". It also only
    wins when the learned head gives its label a probability of at least ``gate``.
    """
    for (label, group), threshold in zip(_ORDER, confident, strict=False):
        top = max(skills[name] for name in group)
        if top >= threshold and learned[label] >= gate:
            return label
        if top >= 0.5:
            break
    return max(PRIMARY_LABELS, key=lambda name: learned[name])
