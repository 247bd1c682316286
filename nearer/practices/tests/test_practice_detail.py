from __future__ import annotations

from nearer.practices.content import load
from nearer.practices.models import Practice
from nearer.testing import BaseTestCase


class PracticeDetailTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load()

    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/practices/active-listening/")
        practice = Practice.objects.get(slug="active-listening")
        self.assertContains(r, "<h1>Listening well</h1>", html=True)
        self.assertContains(r, "Why it matters")
        for action in practice.actions:
            self.assertContains(r, action.replace("'", "&#x27;"))

    def test_it_requires_login(self) -> None:
        r = self.client.get("/practices/active-listening/")
        self.assertRedirects(
            r, "/sign-in/?next=/practices/active-listening/", fetch_redirect_response=False
        )

    def test_unknown_slug_is_404(self) -> None:
        self.sign_in(self.alice)
        for slug in ("nope", "x" * 300, "ACTIVE-LISTENING"):
            r = self.client.get(f"/practices/{slug}/")
            self.assertEqual(r.status_code, 404, slug)
            self.assertContains(r, "Nothing here", status_code=404)

    def test_retired_practice_is_404(self) -> None:
        Practice.objects.filter(slug="patience").update(retired=True)
        self.sign_in(self.alice)
        self.assertEqual(self.client.get("/practices/patience/").status_code, 404)

    def test_it_falls_back_to_english(self) -> None:
        self.sign_in(self.alice)
        from django.utils import translation

        with translation.override("fr"):
            practice = Practice.objects.get(slug="patience")
            self.assertEqual(practice.name, practice.texts["en"]["name"])
