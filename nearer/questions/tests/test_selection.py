"""Which question a couple gets each day: no repeats within a year, except deliberate
revisits; a weekly depth rhythm; focus practices favoured; never stuck."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any
from unittest import mock

import time_machine
from django.utils import timezone

from nearer.accounts.models import User
from nearer.couples.models import Couple
from nearer.couples.pairing import pairing_for
from nearer.entries.models import Visibility
from nearer.questions import selection, services
from nearer.questions.models import Answer, DailyQuestion, Question
from nearer.questions.tests.base import QuestionTestCase, daily_for

# A Monday in the future, at noon UTC (the same date in London and New York).
START = datetime(2027, 1, 4, 12, 0, tzinfo=UTC)


def live_through(days: int, *, couple: list[User], skip_bob_every: int = 0) -> None:
    """Hand out `days` consecutive questions; both answer, except that every
    `skip_bob_every`-th day only the first partner does (so that day is never revealed).

    The answers are written directly, as `answer_save` leaves them (its own tests are
    elsewhere): a year through the service would take several times as long."""
    first, second = couple
    pairing = pairing_for(first)
    with time_machine.travel(START, tick=False) as clock:
        for number in range(days):
            daily = services.daily_get_or_create(user=first, pairing=pairing)
            one_sided = bool(skip_bob_every) and number % skip_bob_every == 0
            people = [first] if one_sided else [first, second]
            revealed_at = None if one_sided else timezone.now()
            Answer.objects.bulk_create(
                Answer(
                    daily=daily,
                    author=person,
                    couple=daily.couple,
                    visibility=Visibility.REVEAL,
                    revealed_at=revealed_at,
                    shown_text=daily.question.text,
                    text=f"{person.display_name} on day {number}",
                )
                for person in people
            )
            if revealed_at:
                DailyQuestion.objects.filter(pk=daily.pk).update(revealed_at=revealed_at)
            clock.shift(timedelta(days=1))


class YearOfQuestionsTestCase(QuestionTestCase):
    """One couple, 365 consecutive days, lived once for the whole class."""

    days: list[DailyQuestion]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        live_through(365, couple=[cls.alice, cls.bob], skip_bob_every=5)
        cls.days = list(
            DailyQuestion.objects.filter(couple=cls.couple)
            .select_related("question", "revisit_of")
            .order_by("day")
        )

    def test_one_question_every_day(self) -> None:
        self.assertEqual(len(self.days), 365)
        first = self.days[0].day
        self.assertEqual([d.day for d in self.days], [first + timedelta(n) for n in range(365)])
        self.assertEqual(first, START.date())

    def test_no_question_repeats_except_as_a_revisit(self) -> None:
        new = [d.question_id for d in self.days if d.kind == DailyQuestion.Kind.NEW]
        repeated = [q for q, n in Counter(new).items() if n > 1]
        self.assertEqual(repeated, [])
        asked = Counter(d.question_id for d in self.days)
        self.assertLessEqual(max(asked.values()), 2)

    def test_revisits_go_back_to_a_day_both_answered_half_a_year_ago(self) -> None:
        revisits = [d for d in self.days if d.kind == DailyQuestion.Kind.REVISIT]
        # About every other week after the first six months: some, not many.
        self.assertGreater(len(revisits), 3)
        self.assertLess(len(revisits), 30)
        for daily in revisits:
            earlier = daily.revisit_of
            assert earlier is not None, daily
            self.assertEqual(earlier.question_id, daily.question_id)
            self.assertEqual(earlier.kind, DailyQuestion.Kind.NEW)
            self.assertLessEqual(earlier.day, daily.day - timedelta(days=180))
            self.assertIsNotNone(earlier.revealed_at)
            self.assertEqual(
                set(Answer.objects.filter(daily=earlier).values_list("author", flat=True)),
                {self.alice.pk, self.bob.pk},
            )
        # The same question is never revisited twice.
        self.assertEqual(len({d.question_id for d in revisits}), len(revisits))
        # Every repeat in the year is one of those revisits.
        revisited = {d.question_id for d in revisits}
        twice = {q for q, n in Counter(d.question_id for d in self.days).items() if n > 1}
        self.assertEqual(twice, revisited)

    def test_revisits_never_point_to_a_day_only_one_answered(self) -> None:
        one_sided = {d.pk for d in self.days if Answer.objects.filter(daily=d).count() < 2}
        self.assertGreater(len(one_sided), 50)
        self.assertFalse(
            [d for d in self.days if d.revisit_of_id in one_sided], "revisit of a one-sided day"
        )

    def test_depth_follows_a_weekly_rhythm(self) -> None:
        # Mostly light, deeper twice a week, tender once: each weekday keeps its depth
        # (revisits bring back an old question whatever its depth).
        by_weekday: dict[int, Counter[int]] = defaultdict(Counter)
        for daily in self.days:
            if daily.kind == DailyQuestion.Kind.NEW:
                by_weekday[daily.day.weekday()][daily.question.depth] += 1
        self.assertEqual(len(by_weekday), 7)
        for weekday, depths in by_weekday.items():
            _usual, count = depths.most_common(1)[0]
            self.assertGreaterEqual(count / sum(depths.values()), 0.9, (weekday, depths))
        usual = Counter(depths.most_common(1)[0][0] for depths in by_weekday.values())
        self.assertEqual(usual, {1: 4, 2: 2, 3: 1})
        overall = Counter(d.question.depth for d in self.days)
        share = {depth: overall[depth] / len(self.days) for depth in (1, 2, 3)}
        self.assertTrue(0.45 <= share[1] <= 0.65, share)
        self.assertTrue(0.2 <= share[2] <= 0.36, share)
        self.assertTrue(0.08 <= share[3] <= 0.2, share)


class SelectionTestCase(QuestionTestCase):
    FOCUS = ["appreciation", "self-care"]

    def share_of_focus(self, couple: Couple, person: User) -> float:
        with time_machine.travel(START, tick=False) as clock:
            for _ in range(56):
                daily_for(person)
                clock.shift(timedelta(days=1))
        days = DailyQuestion.objects.filter(couple=couple).select_related("question__practice")
        self.assertEqual(len(days), 56)
        return sum(d.question.practice.slug in self.FOCUS for d in days) / len(days)

    def test_focus_practices_are_favoured(self) -> None:
        Couple.objects.filter(pk=self.couple.pk).update(focus=self.FOCUS)
        live = Question.objects.filter(retired=False)
        baseline = live.filter(practice__slug__in=self.FOCUS).count() / live.count()
        self.assertLess(baseline, 0.25)

        focused = self.share_of_focus(self.couple, self.alice)
        unfocused = self.share_of_focus(self.other_couple, self.charlie)

        self.assertGreater(focused, 2 * baseline)
        self.assertGreater(focused, unfocused + 0.2)
        # Favoured, not exclusive: other practices still come up.
        self.assertLess(focused, 1.0)

    def test_revisits_fill_in_when_only_a_few_questions_are_left(self) -> None:
        keep = list(Question.objects.order_by("depth", "slug").values_list("pk", flat=True)[:3])
        Question.objects.exclude(pk__in=keep).update(retired=True)

        live_through(12, couple=[self.alice, self.bob])

        days = list(DailyQuestion.objects.filter(couple=self.couple).order_by("day"))
        self.assertEqual(len(days), 12)
        self.assertEqual({d.question_id for d in days[:3]}, set(keep))
        self.assertTrue(all(d.kind == DailyQuestion.Kind.NEW for d in days[:3]))
        # Then the couple is asked again, on purpose, with their earlier answers.
        for daily in days[3:6]:
            self.assertEqual(daily.kind, DailyQuestion.Kind.REVISIT, daily.day)
            assert daily.revisit_of is not None
            self.assertEqual(daily.revisit_of.question_id, daily.question_id)
            self.assertLess(daily.revisit_of.day, daily.day)
        # Nothing retired is ever handed out again.
        self.assertTrue(all(d.question_id in keep for d in days))

    def test_a_dry_pool_with_nothing_answered_still_gives_a_question(self) -> None:
        keep = Question.objects.order_by("slug").values_list("pk", flat=True)[:2]
        Question.objects.exclude(pk__in=list(keep)).update(retired=True)
        with time_machine.travel(START, tick=False) as clock:
            for _ in range(5):
                daily = daily_for(self.eve)
                self.assertFalse(daily.question.retired)
                clock.shift(timedelta(days=1))
        self.assertEqual(DailyQuestion.objects.filter(solo_user=self.eve).count(), 5)

    def test_same_owner_and_day_same_question(self) -> None:
        history = services.history_of(self.alice, pairing_for(self.alice))
        seed, day = str(self.couple.code), date(2027, 3, 3)
        choices = {selection.choose(history, day, seed).question.pk for _ in range(5)}
        self.assertEqual(len(choices), 1)
        # Another couple on the same day most likely gets another question; across a
        # week, certainly not the same ones.
        other = str(self.other_couple.code)
        week = [day + timedelta(n) for n in range(7)]
        self.assertNotEqual(
            [selection.choose(history, d, seed).question.pk for d in week],
            [selection.choose(history, d, other).question.pk for d in week],
        )

    def test_a_lost_row_is_recreated_identically(self) -> None:
        first = daily_for(self.alice)
        question = first.question_id
        first.delete()
        self.assertEqual(daily_for(self.bob).question_id, question)

    def test_partners_arriving_at_once_get_the_same_row(self) -> None:
        # Bob's request looks for today's row, finds none, and chooses; meanwhile
        # Alice's request creates it. Bob's insert then loses the race and he gets hers.
        real_choose = selection.choose
        alice_row: list[DailyQuestion] = []

        def alice_gets_there_first(*args: Any, **kwargs: Any) -> selection.Choice:
            choice = real_choose(*args, **kwargs)
            alice_row.append(
                DailyQuestion.objects.create(
                    couple=self.couple, day=args[1], question=choice.question
                )
            )
            return choice

        with mock.patch.object(services.selection, "choose", alice_gets_there_first):
            from_bob = daily_for(self.bob)

        self.assertEqual(from_bob.pk, alice_row[0].pk)
        self.assertEqual(DailyQuestion.objects.filter(couple=self.couple).count(), 1)
        self.assertEqual(daily_for(self.alice).pk, from_bob.pk)
