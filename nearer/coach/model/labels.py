"""Label names, in the order every file and output uses (see COACH-LABELS.md)."""

from __future__ import annotations

SKILLS: tuple[str, ...] = (
    "reflect_feeling",
    "paraphrase",
    "open_question",
    "closed_question",
    "validation",
    "advice",
    "information",
    "judgment",
    "minimising",
    "dismissal",
    "self_focus",
)

PRIMARY_LABELS: tuple[str, ...] = ("reflection", "question", "input", "other")

HARMFUL_SKILLS: tuple[str, ...] = ("judgment", "minimising", "dismissal", "self_focus")
INPUT_SKILLS: tuple[str, ...] = ("advice", "information")
REFLECTION_SKILLS: tuple[str, ...] = ("reflect_feeling", "paraphrase")
QUESTION_SKILLS: tuple[str, ...] = ("open_question", "closed_question")

PRESENT = 0.5
