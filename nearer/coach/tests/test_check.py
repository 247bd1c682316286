"""/listening/check/: "How might this land?" under a reveal."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.http import HttpResponse

from nearer.coach.forms import CHECK_MAX
from nearer.coach.models import PracticeAttempt
from nearer.entries.models import Visibility
from nearer.questions import services
from nearer.questions.models import Answer, DailyQuestion, Reply
from nearer.testing import BaseTestCase

DRAFT = "DRAFT-SENTINEL you should just take tomorrow off"


class CheckTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_content", verbosity=0)
        cls.daily = services.daily_get_or_create(user=cls.alice, pairing=_pairing(cls.alice))
        for user, text in ((cls.alice, "Work was a lot today."), (cls.bob, "I feel so drained.")):
            services.answer_save(daily=cls.daily, user=user, text=text)

    def post(self, text: str = DRAFT, htmx: bool = True) -> HttpResponse:
        headers = {"HX-Request": "true"} if htmx else {}
        data = {"about": f"daily:{self.daily.code}", "text": text}
        return self.client.post("/listening/check/", data, headers=headers)

    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        response = self.post()
        assert response.status_code == 200
        body = response.content.decode()
        assert "One thing to try" in body and "advice" in body
        assert "<html" not in body  # an htmx fragment

    def test_every_reply_form_offers_the_check(self) -> None:
        self.sign_in(self.bob)
        for url in ("/", f"/questions/{self.daily.code}/"):
            body = self.client.get(url).content.decode()
            assert f'name="about" value="daily:{self.daily.code}"' in body
            assert 'formaction="/listening/check/"' in body

    def test_it_works_without_javascript(self) -> None:
        self.sign_in(self.alice)
        response = self.post(htmx=False)
        body = response.content.decode()
        assert "<html" in body
        # The draft is kept in a form that sends the reply for real.
        assert DRAFT in body
        assert f'action="/questions/{self.daily.code}/reply/"' in body

    def test_it_stores_nothing(self) -> None:
        self.sign_in(self.alice)
        before = (Reply.objects.count(), Answer.objects.count(), PracticeAttempt.objects.count())
        self.post()
        after = (Reply.objects.count(), Answer.objects.count(), PracticeAttempt.objects.count())
        assert before == after

    def test_partner_never_sees_the_check(self) -> None:
        self.sign_in(self.alice)
        self.post()
        self.sign_in(self.bob)
        for url in ("/", f"/questions/{self.daily.code}/", "/questions/", "/listening/practice/"):
            assert DRAFT.encode() not in self.client.get(url).content

    def test_it_hides_from_other_couples(self) -> None:
        self.sign_in(self.charlie)
        assert self.post().status_code == 404

    def test_it_requires_login(self) -> None:
        response = self.post()
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/")

    def test_it_refuses_get(self) -> None:
        self.sign_in(self.alice)
        assert self.client.get("/listening/check/").status_code == 405

    def test_a_tampered_reference_is_404(self) -> None:
        self.sign_in(self.alice)
        for about in ("daily:not-a-uuid", "journal:" + str(self.daily.code), ""):
            data = {"about": about, "text": "hello"}
            assert self.client.post("/listening/check/", data).status_code == 404

    def test_an_empty_draft_gets_a_nudge_not_an_error(self) -> None:
        self.sign_in(self.alice)
        response = self.post(text="   ")
        assert response.status_code == 200
        assert "Write your reply first" in response.content.decode()

    def test_it_never_reveals_an_unrevealed_answer(self) -> None:
        yesterday = DailyQuestion.objects.create(
            couple=self.couple, day=self.daily.day - timedelta(days=1), question=self.daily.question
        )
        Answer.objects.create(
            daily=yesterday,
            author=self.bob,
            couple=self.couple,
            visibility=Visibility.REVEAL,
            shown_text="q",
            text="BOB-HIDDEN",
        )
        self.sign_in(self.alice)
        data = {"about": f"daily:{yesterday.code}", "text": "How are you?"}
        for headers in ({}, {"HX-Request": "true"}):
            response = self.client.post("/listening/check/", data, headers=headers)
            assert response.status_code == 200
            assert b"BOB-HIDDEN" not in response.content


def _pairing(user: object) -> object:
    from nearer.couples.pairing import pairing_for

    return pairing_for(user)  # type: ignore[arg-type]

    def test_an_over_long_draft_is_kept_and_told_why(self) -> None:
        self.sign_in(self.alice)
        draft = "LONG-DRAFT " + "so " * (CHECK_MAX // 3)
        for htmx in (True, False):
            with self.subTest(htmx=htmx):
                r = self.post(draft, htmx)
                self.assertEqual(r.status_code, 422)
                body = r.content.decode()
                self.assertIn(f"The check reads up to {CHECK_MAX} characters", body)
                self.assertIn(f"this has {len(draft)}", body)
                self.assertNotIn("One thing to try", body)
        # Without JavaScript the page holds the draft, in a form that sends it for real.
        self.assertIn(draft, body)
        self.assertIn(f'action="/questions/{self.daily.code}/reply/"', body)

    def test_just_under_the_limit_is_checked(self) -> None:
        self.sign_in(self.alice)
        r = self.post("you should rest " + "x" * (CHECK_MAX - 20))
        self.assertEqual(r.status_code, 200)

    def test_outsiders_still_get_404(self) -> None:
        self.sign_in(self.charlie)
        self.assertEqual(self.post("x" * (CHECK_MAX + 1)).status_code, 404)
