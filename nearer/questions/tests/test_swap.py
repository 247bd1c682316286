"""/questions/<code>/swap/: "Not this one?", a few times a week, before anyone answers."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from nearer.entries.models import Visibility
from nearer.questions.models import Answer, DailyQuestion, Question
from nearer.questions.tests.base import QuestionTestCase, answer_as, daily_for


class SwapTestCase(QuestionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.daily = daily_for(self.alice)
        self.url = f"/questions/{self.daily.code}/swap/"

    def swap(self) -> DailyQuestion:
        r = self.client.post(self.url)
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        return DailyQuestion.objects.get(pk=self.daily.pk)

    def test_it_works(self) -> None:
        before = self.daily.question
        self.sign_in(self.alice)
        self.assertContains(self.client.get("/"), "Not this one? Swap it")
        after = self.swap()
        self.assertNotEqual(after.question_id, before.pk)
        self.assertFalse(after.question.retired)
        self.assertEqual(after.swaps, 1)
        self.assertEqual(after.code, self.daily.code)
        # Bob sees the new question, not the old one.
        self.sign_in(self.bob)
        today = self.client.get("/")
        self.assertContains(today, after.question.text.split("'")[0])

    def test_it_requires_login(self) -> None:
        r = self.client.post(self.url)
        self.assertRedirects(r, f"/sign-in/?next={self.url}", fetch_redirect_response=False)
        self.assertEqual(DailyQuestion.objects.get(pk=self.daily.pk).swaps, 0)

    def test_it_needs_post(self) -> None:
        self.sign_in(self.alice)
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_it_hides_from_other_couples(self) -> None:
        self.sign_in(self.charlie)
        self.assertEqual(self.client.post(self.url).status_code, 404)
        self.assertEqual(DailyQuestion.objects.get(pk=self.daily.pk).question, self.daily.question)

    def test_refused_once_someone_has_answered(self) -> None:
        answer_as(self.bob, "Already said my piece.", self.daily)
        self.sign_in(self.alice)
        self.assertNotContains(self.client.get("/"), "Swap it")
        after = self.swap()
        self.assertEqual(after.question_id, self.daily.question_id)
        self.assertEqual(after.swaps, 0)
        self.assertContains(self.client.get("/"), "already answered this one")

    def test_three_swaps_a_week(self) -> None:
        self.sign_in(self.alice)
        seen = [self.daily.question_id]
        for _ in range(3):
            seen.append(self.swap().question_id)
        refused = self.swap()
        self.assertEqual(refused.question_id, seen[-1])
        self.assertEqual(refused.swaps, 3)
        today = self.client.get("/")
        self.assertContains(today, "swapped three times this week")
        # With none left, the link isn't offered at all (only to be refused).
        self.assertNotContains(today, "Not this one? Swap it")

        # The allowance is shared across the week, and by both partners.
        monday = self.daily.day + timedelta(days=7 - self.daily.day.weekday())
        self.later(days=(monday - self.daily.day).days - 1)  # Sunday, same week
        other = daily_for(self.bob)
        self.sign_in(self.bob)
        self.client.post(f"/questions/{other.code}/swap/")
        self.assertEqual(DailyQuestion.objects.get(pk=other.pk).question_id, other.question_id)
        # A new week, a new allowance.
        self.later(days=1)
        fresh = daily_for(self.alice)
        self.assertEqual(fresh.day, monday)
        self.sign_in(self.alice)
        self.assertContains(self.client.get("/"), "Not this one? Swap it")
        self.client.post(f"/questions/{fresh.code}/swap/")
        self.assertEqual(DailyQuestion.objects.get(pk=fresh.pk).swaps, 1)

    def test_only_todays_question_can_be_swapped(self) -> None:
        self.later(days=2)
        daily_for(self.alice)
        self.sign_in(self.alice)
        after = self.swap()
        self.assertEqual(after.question_id, self.daily.question_id)
        self.assertEqual(after.swaps, 0)

    def test_swaps_on_one_day_never_hand_back_a_question_swapped_away(self) -> None:
        self.sign_in(self.alice)
        seen = [self.daily.question_id]
        for _ in range(3):
            seen.append(self.swap().question_id)
        self.assertEqual(len(set(seen)), 4, seen)
        self.assertEqual(DailyQuestion.objects.get(pk=self.daily.pk).swapped_away, seen[:3])

    def test_a_swap_never_brings_back_a_question_from_the_last_year(self) -> None:
        # Half a year and more of shared history, then a swap on each day of a fortnight.
        questions = list(Question.objects.order_by("?")[:60])
        first_day = self.daily.day - timedelta(days=250)
        old = DailyQuestion.objects.bulk_create(
            DailyQuestion(
                couple=self.couple,
                day=first_day + timedelta(days=n),
                question=question,
                revealed_at=timezone.now(),
            )
            for n, question in enumerate(questions)
        )
        Answer.objects.bulk_create(
            Answer(
                daily=daily,
                author=person,
                couple=self.couple,
                visibility=Visibility.REVEAL,
                revealed_at=timezone.now(),
                shown_text=daily.question.text,
                text="then",
            )
            for daily in DailyQuestion.objects.filter(pk__in=[d.pk for d in old])
            for person in (self.alice, self.bob)
        )
        asked = set(DailyQuestion.objects.values_list("question_id", flat=True))
        swapped_revisits = 0
        self.sign_in(self.alice)
        for _ in range(14):
            self.later(days=1)
            daily = daily_for(self.alice)
            if daily.kind == DailyQuestion.Kind.REVISIT or _ == 0:
                swapped_revisits += daily.kind == DailyQuestion.Kind.REVISIT
                self.client.post(f"/questions/{daily.code}/swap/")
                daily.refresh_from_db()
                self.assertEqual(daily.swaps, 1)
            if daily.question_id in asked:
                self.assertEqual(daily.kind, DailyQuestion.Kind.REVISIT, daily.day)
                assert daily.revisit_of is not None
                self.assertEqual(daily.revisit_of.question_id, daily.question_id)
                self.assertLessEqual(daily.revisit_of.day, daily.day - timedelta(days=180))
            else:
                self.assertEqual(daily.kind, DailyQuestion.Kind.NEW)
                self.assertIsNone(daily.revisit_of)
            asked.add(daily.question_id)
        # A fortnight with this much history always holds a revisit day.
        self.assertEqual(swapped_revisits, 1)

    def test_a_swap_keeps_favouring_the_focus(self) -> None:
        focus = ["appreciation", "self-care"]
        self.couple.focus = focus
        self.couple.save(update_fields=["focus"])
        landed = []
        for _ in range(12):
            self.later(days=8)  # a new week, and another weekday (another depth)
            self.sign_in(self.alice)
            daily = daily_for(self.alice)
            for swap in range(3):
                self.client.post(f"/questions/{daily.code}/swap/")
                daily.refresh_from_db()
                self.assertEqual(daily.swaps, swap + 1)
                landed.append(daily.question.practice.slug in focus)
        live = Question.objects.filter(retired=False)
        baseline = live.filter(practice__slug__in=focus).count() / live.count()
        self.assertGreater(sum(landed) / len(landed), 2 * baseline)
