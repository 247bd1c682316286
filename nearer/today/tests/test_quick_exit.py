"""/exit/: where the quick-exit control lands — plain, unbranded, never cached."""

from __future__ import annotations

from django.core.management import call_command

from nearer.testing import BaseTestCase


class QuickExitTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_content", verbosity=0)

    def test_it_works_for_anyone(self) -> None:
        for signed_in in (False, True):
            if signed_in:
                self.sign_in(self.alice)
            response = self.client.get("/exit/")
            assert response.status_code == 200
            body = response.content.decode()
            # Nothing on it says what the person was just looking at.
            assert "Nearer" not in body and "Alice" not in body
            assert "no-store" in response["Cache-Control"]

    def test_every_page_offers_it(self) -> None:
        self.sign_in(self.alice)
        for url in ("/", "/questions/", "/pair/", "/account/", "/listening/practice/"):
            assert 'href="/exit/" data-quick-exit' in self.client.get(url).content.decode()

    def test_the_benchmark_view_does_not_exist_outside_benchmark_mode(self) -> None:
        assert self.client.get("/bench/bare/").status_code == 404
