"""/listening/practice/: statements to reflect back, with private progress."""

from __future__ import annotations

from django.core.management import call_command
from django.utils.html import escape

from nearer.coach.forms import PRACTICE_MAX
from nearer.coach.models import PracticeAttempt, PracticeStatement
from nearer.testing import BaseTestCase

REPLY = "PRACTICE-SENTINEL that sounds like such a relief, you must be so proud"


class PracticeTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_content", verbosity=0)
        cls.statement = PracticeStatement.objects.first()  # type: ignore[assignment]

    def url(self) -> str:
        return f"/listening/practice/{self.statement.slug}/"

    def test_there_are_at_least_sixty_statements_of_every_mood(self) -> None:
        statements = PracticeStatement.objects.filter(retired=False)
        assert statements.count() >= 60
        moods = set(statements.values_list("mood", flat=True))
        assert {"good-news", "hard-day"} <= moods

    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        assert self.client.get("/listening/practice/").status_code == 200
        page = self.client.get(self.url())
        assert escape(self.statement.text) in page.content.decode()

    def test_a_try_gets_feedback_and_a_model_reply(self) -> None:
        self.sign_in(self.alice)
        response = self.client.post(self.url(), {"text": REPLY}, headers={"HX-Request": "true"})
        body = response.content.decode()
        assert response.status_code == 200
        assert "One way to say it" in body
        assert escape(self.statement.why_it_works) in body

    def test_a_try_records_what_the_coach_noticed_never_the_text(self) -> None:
        self.sign_in(self.alice)
        self.client.post(self.url(), {"text": REPLY})
        attempt = PracticeAttempt.objects.get(user=self.alice)
        assert attempt.statement == self.statement
        assert REPLY not in str(vars(attempt))

    def test_progress_is_private(self) -> None:
        self.sign_in(self.alice)
        self.client.post(self.url(), {"text": REPLY})
        mine = self.client.get("/listening/practice/").content.decode()
        assert "You've practised 1 statement" in mine
        self.sign_in(self.bob)
        theirs = self.client.get("/listening/practice/").content.decode()
        assert "You've practised" not in theirs and '<span class="tag">tried' not in theirs
        assert REPLY not in theirs

    def test_empty_and_overlong_tries_keep_the_text_and_say_why(self) -> None:
        self.sign_in(self.alice)
        empty = self.client.post(self.url(), {"text": ""})
        assert "Write a reply first" in empty.content.decode()
        long_text = "x" * 1001
        response = self.client.post(self.url(), {"text": long_text})
        assert long_text in response.content.decode()
        assert PracticeAttempt.objects.count() == 0

    def test_unknown_statement_is_404(self) -> None:
        self.sign_in(self.alice)
        assert self.client.get("/listening/practice/no-such-statement/").status_code == 404

    def test_it_requires_login(self) -> None:
        for url in ("/listening/practice/", self.url()):
            response = self.client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith("/sign-in/")

    def test_a_hundred_thousand_characters_are_refused_and_kept(self) -> None:
        self.sign_in(self.alice)
        text = "PASTED " + "x" * 100_000
        r = self.client.post(self.url(), {"text": text})
        self.assertContains(r, f"Keep it under {PRACTICE_MAX} characters", status_code=422)
        self.assertContains(r, text, status_code=422)
        self.assertEqual(PracticeAttempt.objects.count(), 0)

    def test_from_htmx_the_form_comes_back_in_place_of_the_one_sent(self) -> None:
        self.sign_in(self.alice)
        text = "PASTED " + "x" * 100_000
        r = self.client.post(self.url(), {"text": text}, headers={"HX-Request": "true"})
        self.assertEqual(r.status_code, 422)
        self.assertEqual(r["HX-Retarget"], "#practice-form")
        self.assertEqual(r["HX-Reswap"], "outerHTML")
        body = r.content.decode()
        self.assertTrue(body.lstrip().startswith('<form method="post" id="practice-form"'))
        self.assertNotIn("<html", body)  # not a whole page inside the result's slot
        self.assertIn(text, body)
        self.assertIn(f"Keep it under {PRACTICE_MAX} characters", body)
        empty = self.client.post(self.url(), {"text": ""}, headers={"HX-Request": "true"})
        self.assertContains(empty, "Write a reply first", status_code=422)
        self.assertEqual(PracticeAttempt.objects.count(), 0)
