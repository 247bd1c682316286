"""/questions/<code>/: one day's question, as each person may see it."""

from __future__ import annotations

from datetime import timedelta

from django.utils.html import escape

from nearer.couples.services import couple_end
from nearer.entries.models import Visibility
from nearer.questions.models import Answer, DailyQuestion, Question, ReadMark
from nearer.questions.tests.base import QuestionTestCase, answer_as, daily_for, reply_as
from nearer.testing import make_couple, make_user

HX = {"HX-Request": "true"}


class DailyDetailTestCase(QuestionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.daily = daily_for(self.alice)
        self.url = f"/questions/{self.daily.code}/"

    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, escape(self.daily.question.text))
        self.assertContains(r, f'action="/questions/{self.daily.code}/answer/"')
        self.assertContains(r, "Save my answer")
        self.assertIn("no-store", r["Cache-Control"])

    def test_htmx_gets_the_fragment(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get(self.url, headers=HX)
        self.assertEqual(r.status_code, 200)
        self.assertTrue(r.content.decode().lstrip().startswith("<section"))
        self.assertContains(r, escape(self.daily.question.text))

    def test_partner_sees_their_couples_day(self) -> None:
        self.sign_in(self.bob)
        r = self.client.get(self.url)
        self.assertContains(r, escape(self.daily.question.text))
        self.assertContains(r, "Save my answer")

    def test_it_hides_from_other_couples(self) -> None:
        for outsider in (self.charlie, self.dana, self.eve):
            self.sign_in(outsider)
            self.assertEqual(self.client.get(self.url).status_code, 404, outsider)
            self.assertEqual(self.client.get(self.url, headers=HX).status_code, 404, outsider)
            self.assertNotContains(
                self.client.get(self.url), escape(self.daily.question.text), status_code=404
            )

    def test_it_requires_login(self) -> None:
        r = self.client.get(self.url)
        self.assertRedirects(r, f"/sign-in/?next={self.url}", fetch_redirect_response=False)

    def test_it_needs_get(self) -> None:
        self.sign_in(self.alice)
        self.assertEqual(self.client.post(self.url).status_code, 405)

    def test_unknown_or_malformed_codes_are_404(self) -> None:
        self.sign_in(self.alice)
        self.assertEqual(
            self.client.get("/questions/00000000-0000-0000-0000-000000000000/").status_code, 404
        )
        self.assertEqual(self.client.get("/questions/not-a-code/").status_code, 404)

    def test_a_solo_day_is_its_owners_only(self) -> None:
        solo = daily_for(self.eve)
        answer_as(self.eve, "Eve on her own", solo)
        self.sign_in(self.eve)
        self.assertContains(self.client.get(f"/questions/{solo.code}/"), "Eve on her own")
        for other in (self.alice, self.charlie):
            self.sign_in(other)
            self.assertEqual(self.client.get(f"/questions/{solo.code}/").status_code, 404)

    def test_a_past_day_of_a_previous_couple_shows_only_your_own_answer(self) -> None:
        answer_as(self.alice, "Alice then", self.daily)
        answer_as(self.bob, "Bob then", self.daily)
        couple_end(couple=self.couple)
        make_couple(self.bob, make_user("Frank", "Europe/Paris"))
        self.later(days=30)
        people = ((self.alice, "Alice then", "Bob then"), (self.bob, "Bob then", "Alice then"))
        for person, own, other in people:
            self.sign_in(person)
            r = self.client.get(self.url)
            self.assertContains(r, own)
            self.assertNotContains(r, other)
            self.assertNotContains(r, "Send reply")
            self.assertNotContains(r, "has answered")

    def test_an_open_day_of_a_previous_couple_is_only_looked_back_on(self) -> None:
        # Alice has answered, Bob not yet; then they unpair, the same day.
        answer_as(self.alice, "Alice, just before", self.daily)
        couple_end(couple=self.couple)
        self.sign_in(self.alice)
        r = self.client.get(self.url)
        self.assertContains(r, "Alice, just before")
        # No form that could only be refused, no swap, nothing about Bob.
        self.assertNotContains(r, f'action="/questions/{self.daily.code}/answer/"')
        self.assertNotContains(r, "Swap it")
        self.assertNotContains(r, "has answered")
        self.assertNotContains(r, "Bob")

    def test_opening_a_revealed_day_marks_its_replies_read(self) -> None:
        answer_as(self.alice, "A", self.daily)
        self.sign_in(self.bob)
        self.client.get(self.url)
        self.assertFalse(ReadMark.objects.filter(user=self.bob).exists())
        answer_as(self.bob, "B", self.daily)
        self.client.get(self.url)
        # Revealed, but nothing to read yet: looking writes nothing.
        self.assertFalse(ReadMark.objects.filter(user=self.bob).exists())
        reply_as(self.alice, "Tell me more", self.daily)
        self.client.get(self.url)
        mark = ReadMark.objects.get(user=self.bob, daily=self.daily)
        self.assertFalse(ReadMark.objects.filter(user=self.alice).exists())
        # Looking again, with nothing new, leaves the mark as it was.
        self.client.get(self.url)
        self.assertEqual(ReadMark.objects.get(pk=mark.pk).read_at, mark.read_at)

    def test_follow_up_comes_after_the_reveal(self) -> None:
        question = (
            Question.objects.filter(depth=3, retired=False).exclude(texts__en__follow_up="").first()
        )
        assert question is not None
        daily = daily_for(self.alice)
        DailyQuestion.objects.filter(pk=daily.pk).update(question=question)
        follow_up = escape(question.follow_up)
        self.sign_in(self.alice)
        url = f"/questions/{daily.code}/"
        answer_as(self.alice, "Something tender", daily)
        self.assertNotContains(self.client.get(url), follow_up)
        answer_as(self.bob, "Something tender too", daily)
        self.assertContains(self.client.get(url), follow_up)

    def test_a_revisit_shows_the_earlier_answers_after_the_new_reveal(self) -> None:
        question = Question.objects.filter(retired=False).first()
        assert question is not None
        then = DailyQuestion.objects.create(
            couple=self.couple,
            day=daily_for(self.alice).day - timedelta(days=200),
            question=question,
        )
        said = ((self.alice, "What Alice said in spring"), (self.bob, "What Bob said in spring"))
        for person, text in said:
            Answer.objects.create(
                daily=then,
                author=person,
                couple=self.couple,
                visibility=Visibility.REVEAL,
                revealed_at=then.created_at,
                shown_text=question.text,
                text=text,
            )
        then.revealed_at = then.created_at
        then.save(update_fields=["revealed_at"])
        now = daily_for(self.alice)
        DailyQuestion.objects.filter(pk=now.pk).update(
            question=question, kind=DailyQuestion.Kind.REVISIT, revisit_of=then
        )
        url = f"/questions/{now.code}/"

        self.sign_in(self.alice)
        r = self.client.get(url)
        self.assertContains(r, "has this changed?")
        # Answer fresh first: no anchoring on what was said then.
        self.assertNotContains(r, "said in spring")
        answer_as(self.alice, "Alice, now", now)
        self.assertNotContains(self.client.get(url), "said in spring")

        answer_as(self.bob, "Bob, now", now)
        r = self.client.get(url)
        self.assertContains(r, "When this was asked before")
        self.assertContains(r, "What Alice said in spring")
        self.assertContains(r, "What Bob said in spring")
        self.assertContains(r, "Bob, now")
