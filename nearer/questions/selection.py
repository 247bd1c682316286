"""Which question a couple (or a person alone) gets on a given day.

- Never a question they've had within the last year, except as a deliberate
  "has this changed?" revisit of one they both answered at least half a year ago
  (at most every other week), which also fills in if the pool ever runs dry.
- Depth follows a weekly rhythm: mostly light, deeper twice, tender once.
- The couple's focus practices, when set, are favoured.
- Deterministic for (owner, day), so two partners loading the page at the same
  instant compute the same choice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from nearer.questions.models import DailyQuestion, Question

WEEK_RHYTHM = (1, 1, 2, 1, 2, 1, 3)  # indexed by weekday, Monday first
NO_REPEAT_DAYS = 365
REVISIT_AFTER_DAYS = 180
REVISIT_EVERY_DAYS = 14
FOCUS_SHARE = 0.6


@dataclass(frozen=True)
class Choice:
    question: Question
    revisit_of: DailyQuestion | None = None


def choose(
    history: QuerySet[DailyQuestion],
    day: date,
    seed: str,
    focus: frozenset[str] = frozenset(),
    avoid: frozenset[int] = frozenset(),
) -> Choice:
    """Pick the question for `day` given the owner's `history` of daily questions,
    never one of the question ids in `avoid` (those swapped away today)."""
    rng = random.Random(f"{seed}:{day.isoformat()}")
    recent = set(
        history.filter(day__gt=day - timedelta(days=NO_REPEAT_DAYS)).values_list(
            "question_id", flat=True
        )
    )
    recent |= avoid
    if day.toordinal() % REVISIT_EVERY_DAYS == 0:
        revisit = _revisit(history, day, rng, avoid=avoid)
        if revisit is not None:
            return revisit
    # Only what the choice needs: loading every question's texts for each new day
    # cost tens of milliseconds per couple.
    pool = list(
        Question.objects.filter(retired=False)
        .exclude(pk__in=recent)
        .order_by("slug")
        .values_list("pk", "depth", "practice__slug")
    )
    if not pool:
        return _revisit(history, day, rng, any_age=True, avoid=avoid) or Choice(_any_question(rng))
    target = WEEK_RHYTHM[day.weekday()]
    by_depth = [q for q in pool if q[1] == target] or pool
    if focus and rng.random() < FOCUS_SHARE:
        focused = [q for q in by_depth if q[2] in focus]
        by_depth = focused or by_depth
    pk, _depth, _practice = rng.choice(by_depth)
    return Choice(Question.objects.get(pk=pk))


def _revisit(
    history: QuerySet[DailyQuestion],
    day: date,
    rng: random.Random,
    any_age: bool = False,
    avoid: frozenset[int] = frozenset(),
) -> Choice | None:
    candidates = history.filter(revealed_at__isnull=False, kind=DailyQuestion.Kind.NEW)
    candidates = candidates.exclude(question_id__in=avoid)
    if not any_age:
        candidates = candidates.filter(day__lte=day - timedelta(days=REVISIT_AFTER_DAYS))
    # Never revisit the same question twice within the no-repeat year.
    revisited = history.filter(
        kind=DailyQuestion.Kind.REVISIT, day__gt=day - timedelta(days=NO_REPEAT_DAYS)
    ).values("question_id")
    old = list(candidates.exclude(question_id__in=revisited).order_by("day")[:20])
    if not old:
        return None
    chosen = rng.choice(old)
    return Choice(chosen.question, revisit_of=chosen)


def _any_question(rng: random.Random) -> Question:
    questions = list(
        Question.objects.filter(retired=False).order_by("slug").values_list("pk", flat=True)
    )
    if not questions:
        raise Question.DoesNotExist("No questions are loaded. Run manage.py load_content.")
    return Question.objects.get(pk=rng.choice(questions))
