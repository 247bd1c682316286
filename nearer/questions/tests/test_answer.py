"""/questions/<code>/answer/: answer privately, reveal together."""

from __future__ import annotations

import json

from django.utils.html import escape

from nearer.couples.services import couple_end
from nearer.outbox.models import OutboxMessage
from nearer.questions.models import ANSWER_MAX, Answer, DailyQuestion, Question
from nearer.questions.tests.base import (
    WAITING_WORDS,
    QuestionTestCase,
    answer_as,
    copy_without_content,
    daily_for,
    reply_as,
)
from nearer.testing import make_couple, make_user

SECRET = "I still keep the ticket stub from our zephyrine evening"
BOBS = "Honestly the quiet mornings with coffee"
HX = {"HX-Request": "true"}


class AnswerTestCase(QuestionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.daily = daily_for(self.alice)
        self.url = f"/questions/{self.daily.code}/answer/"

    def post(self, text: str, **extra: str) -> object:
        return self.client.post(self.url, {"text": text, **extra})

    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        r = self.client.post(self.url, {"text": "  Walking home in the snow.  "})
        self.assertRedirects(r, f"/questions/{self.daily.code}/", fetch_redirect_response=False)
        answer = Answer.objects.get(daily=self.daily, author=self.alice)
        self.assertEqual(answer.text, "Walking home in the snow.")
        self.assertEqual(answer.couple, self.couple)
        self.assertEqual(answer.visibility, "reveal")
        self.assertEqual(answer.shown_text, self.daily.question.text)
        self.assertIsNone(answer.revealed_at)
        page = self.client.get(f"/questions/{self.daily.code}/")
        self.assertContains(page, "Walking home in the snow.")
        self.assertContains(page, "Saved.")

    def test_it_goes_back_to_today_when_asked_from_there(self) -> None:
        self.sign_in(self.alice)
        r = self.client.post(self.url, {"text": "Snow.", "back": "today"})
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_htmx_gets_the_panel(self) -> None:
        self.sign_in(self.alice)
        r = self.client.post(self.url, {"text": "Walking home in the snow."}, headers=HX)
        self.assertEqual(r.status_code, 200)
        body = r.content.decode()
        self.assertNotIn("<html", body)
        self.assertIn(f'id="daily-{self.daily.code}"', body)
        self.assertIn("Walking home in the snow.", body)
        self.assertIn("Your answer is kept", body)
        self.assertIn("Save changes", body)

    def test_it_requires_login(self) -> None:
        r = self.post("Snow.")
        self.assertRedirects(r, f"/sign-in/?next={self.url}", fetch_redirect_response=False)
        self.assertFalse(Answer.objects.exists())

    def test_it_needs_post(self) -> None:
        self.sign_in(self.alice)
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_it_hides_from_other_couples(self) -> None:
        self.sign_in(self.charlie)
        self.assertEqual(self.post("Snow.").status_code, 404)
        r = self.client.post(self.url, {"text": "Snow."}, headers=HX)
        self.assertEqual(r.status_code, 404)
        self.assertFalse(Answer.objects.exists())

    def test_unknown_code_is_404(self) -> None:
        self.sign_in(self.alice)
        r = self.client.post(
            "/questions/00000000-0000-0000-0000-000000000000/answer/", {"text": "x"}
        )
        self.assertEqual(r.status_code, 404)

    def test_partner_cannot_see_it(self) -> None:
        answer_as(self.alice, SECRET, self.daily)
        self.sign_in(self.bob)
        bodies = {
            "today": self.client.get("/"),
            "day": self.client.get(f"/questions/{self.daily.code}/"),
            "fragment": self.client.get(f"/questions/{self.daily.code}/", headers=HX),
            "history": self.client.get("/questions/"),
            "search": self.client.get("/questions/", {"q": "zephyrine"}),
            "export": self.client.get("/pair/export/"),
        }
        for name, r in bodies.items():
            self.assertEqual(r.status_code, 200, name)
            self.assertNotIn(SECRET, r.content.decode(), name)
            self.assertNotIn("ticket stub", r.content.decode(), name)
        self.assertContains(bodies["search"], "Nothing matches")
        export = json.loads(bodies["export"].content)
        self.assertEqual(export["entries"]["questions.answer"], [])
        for message in OutboxMessage.objects.all():
            self.assertNotIn("ticket stub", message.subject + message.body_text + message.body_html)

        # Once Bob has answered, the same pages show it: the check above is not vacuous.
        r = self.client.post(self.url, {"text": BOBS}, headers=HX)
        self.assertContains(r, SECRET)
        self.assertContains(self.client.get("/"), SECRET)
        self.assertContains(self.client.get("/questions/", {"q": "zephyrine"}), SECRET)
        self.assertIn(SECRET, self.client.get("/pair/export/").content.decode())

    def test_partner_answer_absent_from_a_failed_submit(self) -> None:
        # Refused posts render the panel too: they must not leak either.
        answer_as(self.alice, SECRET, self.daily)
        self.sign_in(self.bob)
        for text in ("", "x" * (ANSWER_MAX + 1)):
            for headers in ({}, HX):
                r = self.client.post(self.url, {"text": text}, headers=headers)
                self.assertEqual(r.status_code, 422)
                self.assertNotIn(SECRET, r.content.decode())

    def test_the_invitation_to_answer(self) -> None:
        self.sign_in(self.bob)
        self.assertNotContains(self.client.get("/"), "has answered")
        answer_as(self.alice, SECRET, self.daily)
        self.assertContains(self.client.get("/"), "Alice has answered. Answer to see theirs.")
        self.assertContains(
            self.client.get(f"/questions/{self.daily.code}/"),
            "Alice has answered. Answer to see theirs.",
        )
        # And Alice is not told anything about Bob, either way.
        self.sign_in(self.alice)
        self.assertNotContains(self.client.get("/"), "has answered")

    def test_no_waiting_anywhere(self) -> None:
        answer_as(self.alice, "Mine.", self.daily)
        for person in (self.alice, self.bob):
            self.sign_in(person)
            for url in ("/", f"/questions/{self.daily.code}/", "/questions/"):
                for headers in ({}, HX):
                    r = self.client.get(url, headers=headers)
                    self.assertEqual(r.status_code, 200)
                    self.assertIsNone(
                        WAITING_WORDS.search(copy_without_content(r.content)), (person, url)
                    )

    def test_edit_until_the_reveal(self) -> None:
        self.sign_in(self.alice)
        self.post("First thought.")
        first = Answer.objects.get(author=self.alice)
        self.later(minutes=5)
        r = self.post("Second thought, better.")
        self.assertEqual(r.status_code, 302)
        answer = Answer.objects.get(author=self.alice)
        self.assertEqual(answer.pk, first.pk)
        self.assertEqual(answer.text, "Second thought, better.")
        self.assertGreater(answer.updated_at, first.updated_at)
        self.assertEqual(answer.created_at, first.created_at)

    def test_the_reveal(self) -> None:
        answer_as(self.alice, SECRET, self.daily)
        self.sign_in(self.bob)
        r = self.client.post(self.url, {"text": BOBS}, headers=HX)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, SECRET)
        self.assertContains(r, BOBS)
        self.assertContains(r, "Send reply")
        self.daily.refresh_from_db()
        self.assertIsNotNone(self.daily.revealed_at)
        answers = Answer.objects.filter(daily=self.daily)
        self.assertEqual({a.revealed_at for a in answers}, {self.daily.revealed_at})

    def test_an_edit_after_the_reveal_is_refused(self) -> None:
        answer_as(self.alice, SECRET, self.daily)
        answer_as(self.bob, BOBS, self.daily)
        self.sign_in(self.alice)
        for headers in ({}, HX):
            r = self.client.post(self.url, {"text": "Rewriting history"}, headers=headers)
            self.assertEqual(r.status_code, 409)
            self.assertContains(r, "your answers are final", status_code=409)
            # What was typed is not lost.
            self.assertContains(r, "Rewriting history", status_code=409)
        self.assertEqual(Answer.objects.get(author=self.alice).text, SECRET)

    def test_double_submit_saves_once(self) -> None:
        self.sign_in(self.alice)
        first = self.post("Twice the same.")
        second = self.post("Twice the same.")
        self.assertEqual(first.status_code, 302)
        self.assertEqual(second.status_code, 302)
        self.assertEqual(Answer.objects.filter(daily=self.daily).count(), 1)
        self.daily.refresh_from_db()
        self.assertIsNone(self.daily.revealed_at)

    def test_over_long_answer_keeps_the_text(self) -> None:
        self.sign_in(self.alice)
        text = "word " * (ANSWER_MAX // 5) + "!"
        self.assertEqual(len(text), ANSWER_MAX + 1)
        for headers in ({}, HX):
            r = self.client.post(self.url, {"text": text}, headers=headers)
            self.assertEqual(r.status_code, 422)
            body = r.content.decode()
            self.assertIn(f"longer than {ANSWER_MAX} characters", body)
            self.assertIn(f"it has {ANSWER_MAX + 1}", body)
            self.assertIn(text.strip(), body)
            self.assertIn("<textarea", body)
        self.assertFalse(Answer.objects.exists())

    def test_an_answer_of_exactly_the_limit_is_fine(self) -> None:
        self.sign_in(self.alice)
        self.assertEqual(self.post("x" * ANSWER_MAX).status_code, 302)
        self.assertEqual(len(Answer.objects.get().text), ANSWER_MAX)

    def test_over_long_edit_keeps_what_was_saved(self) -> None:
        self.sign_in(self.alice)
        self.post("Saved first.")
        r = self.post("y" * (ANSWER_MAX + 1))
        self.assertEqual(r.status_code, 422)
        self.assertEqual(Answer.objects.get().text, "Saved first.")

    def test_empty_answer(self) -> None:
        self.sign_in(self.alice)
        for text in ("", "   \n  "):
            r = self.post(text)
            self.assertContains(r, "Write a few words first", status_code=422)
        self.assertFalse(Answer.objects.exists())

    def test_html_is_escaped_for_the_partner(self) -> None:
        answer_as(self.alice, '<script>alert("hi")</script><b>bold</b>\nline two', self.daily)
        answer_as(self.bob, BOBS, self.daily)
        self.sign_in(self.bob)
        for url in ("/", f"/questions/{self.daily.code}/", "/questions/"):
            body = self.client.get(url).content.decode()
            self.assertNotIn('<script>alert("hi")', body, url)
            self.assertNotIn("<b>bold</b>", body, url)
            self.assertIn("&lt;script&gt;", body, url)

    def test_the_wording_shown_is_kept(self) -> None:
        shown = self.daily.question.text
        answer_as(self.alice, SECRET, self.daily)
        answer_as(self.bob, BOBS, self.daily)
        question = Question.objects.get(pk=self.daily.question_id)
        question.texts = {"en": {"text": "A reworded question entirely", "follow_up": ""}}
        question.save(update_fields=["texts"])
        self.sign_in(self.alice)
        for url in ("/questions/", f"/questions/{self.daily.code}/", "/"):
            r = self.client.get(url)
            self.assertContains(r, escape(shown), msg_prefix=url)
            self.assertNotContains(r, "A reworded question entirely", msg_prefix=url)

    def test_yesterdays_question_can_still_be_answered(self) -> None:
        # Nobody's evening is cut short: the day after, yesterday's is still open.
        self.later(days=1)
        self.sign_in(self.alice)
        r = self.post("Late, but here.")
        self.assertEqual(r.status_code, 302)
        self.assertTrue(Answer.objects.filter(daily=self.daily).exists())

    def test_a_day_long_past_is_closed(self) -> None:
        self.later(days=3)
        self.sign_in(self.alice)
        r = self.post("Much too late.")
        self.assertEqual(r.status_code, 409)
        self.assertContains(r, "This day has passed", status_code=409)
        self.assertContains(r, "Much too late.", status_code=409)
        self.assertFalse(Answer.objects.exists())


class PartnersChangeTestCase(QuestionTestCase):
    """Solo answers, unpairing, new partners: sharing follows the current couple only."""

    def test_solo_answer_stays_private_after_pairing(self) -> None:
        solo = daily_for(self.eve)
        self.assertIsNone(solo.couple)
        self.sign_in(self.eve)
        r = self.client.post(f"/questions/{solo.code}/answer/", {"text": SECRET}, headers=HX)
        self.assertContains(r, "Things you answer on your own stay private")
        answer = Answer.objects.get(author=self.eve)
        self.assertEqual(answer.visibility, "private")
        self.assertIsNone(answer.couple)

        frank = make_user("Frank", "Europe/Paris")
        make_couple(self.eve, frank)
        self.later(days=1)
        together = daily_for(frank)
        answer_as(frank, BOBS, together)
        answer_as(self.eve, "Together now.", together)

        self.sign_in(frank)
        self.assertEqual(self.client.get(f"/questions/{solo.code}/").status_code, 404)
        self.assertEqual(
            self.client.post(f"/questions/{solo.code}/answer/", {"text": "x"}).status_code, 404
        )
        for url in ("/", "/questions/", "/questions/?q=zephyrine", "/pair/export/"):
            r = self.client.get(url)
            self.assertEqual(r.status_code, 200, url)
            self.assertNotIn("ticket stub", r.content.decode(), url)
        # Eve keeps it.
        self.sign_in(self.eve)
        self.assertContains(self.client.get("/questions/", {"q": "zephyrine"}), SECRET)

    def test_an_earlier_couples_answers_stay_with_that_couple(self) -> None:
        daily = daily_for(self.alice)
        answer_as(self.alice, SECRET, daily)
        answer_as(self.bob, BOBS, daily)
        reply_as(self.bob, "Replying from the old days", daily)
        couple_end(couple=self.couple)
        frank = make_user("Frank", "Europe/Paris")
        make_couple(self.alice, frank)

        self.sign_in(frank)
        self.assertEqual(self.client.get(f"/questions/{daily.code}/").status_code, 404)
        for url in ("/", "/questions/", "/questions/?q=ticket", "/pair/export/"):
            body = self.client.get(url).content.decode()
            for text in (SECRET, BOBS, "Replying from the old days"):
                self.assertNotIn(text, body, url)

        # Alice keeps her own answer, and only that.
        self.sign_in(self.alice)
        r = self.client.get(f"/questions/{daily.code}/")
        self.assertContains(r, SECRET)
        self.assertNotContains(r, BOBS)
        self.assertNotContains(r, "Replying from the old days")
        r = self.client.get("/questions/")
        self.assertContains(r, SECRET)
        self.assertNotContains(r, BOBS)
        self.assertNotIn(BOBS, self.client.get("/pair/export/").content.decode())

    def live_two_days(self) -> None:
        """Yesterday both answered and Bob replied; today only Bob has answered."""
        self.later(days=-1)
        self.yesterday = daily_for(self.alice)
        answer_as(self.alice, SECRET, self.yesterday)
        answer_as(self.bob, BOBS, self.yesterday)
        reply_as(self.bob, "A reply from Bob", self.yesterday)
        self.later(days=1)
        self.today = daily_for(self.bob)
        answer_as(self.bob, "Bob alone today", self.today)

    def test_unpairing_acts_at_once(self) -> None:
        self.live_two_days()
        self.sign_in(self.alice)
        self.assertContains(self.client.get(f"/questions/{self.yesterday.code}/"), BOBS)
        couple_end(couple=self.couple)

        # Days Alice never answered are gone for her; days she did show only hers.
        self.assertEqual(self.client.get(f"/questions/{self.today.code}/").status_code, 404)
        self.assertEqual(
            self.client.post(f"/questions/{self.today.code}/answer/", {"text": "x"}).status_code,
            404,
        )
        r = self.client.get(f"/questions/{self.yesterday.code}/")
        self.assertContains(r, SECRET)
        for url in (
            f"/questions/{self.yesterday.code}/",
            "/",
            "/questions/",
            "/questions/?q=Bob",
            "/questions/?q=coffee",
        ):
            body = self.client.get(url).content.decode()
            for text in (BOBS, "A reply from Bob", "Bob alone today"):
                self.assertNotIn(text, body, url)
        self.assertEqual(self.client.get("/pair/export/").status_code, 404)

    def test_a_former_partner_cannot_write_into_the_old_day(self) -> None:
        self.live_two_days()
        couple_end(couple=self.couple)
        self.sign_in(self.bob)
        r = self.client.post(f"/questions/{self.yesterday.code}/reply/", {"text": "Still here?"})
        self.assertIn(r.status_code, (404, 409))
        r = self.client.post(f"/questions/{self.today.code}/answer/", {"text": "Edited"})
        self.assertIn(r.status_code, (404, 409))
        self.assertEqual(Answer.objects.get(daily=self.today).text, "Bob alone today")
        self.assertEqual(DailyQuestion.objects.get(pk=self.yesterday.pk).replies.count(), 1)

    def test_the_day_after_unpairing_each_has_their_own_question(self) -> None:
        self.live_two_days()
        couple_end(couple=self.couple)
        mine = daily_for(self.alice)
        self.assertEqual(mine.solo_user, self.alice)
        self.assertNotEqual(mine.pk, daily_for(self.bob).pk)
