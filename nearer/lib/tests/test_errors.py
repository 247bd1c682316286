from __future__ import annotations

from django.test import RequestFactory

from nearer.lib.errors import server_error
from nearer.testing import BaseTestCase


class ErrorPagesTestCase(BaseTestCase):
    def test_unknown_url_gets_our_404(self) -> None:
        r = self.client.get("/made-up/page/")
        self.assertEqual(r.status_code, 404)
        self.assertContains(r, "Nothing here", status_code=404)
        self.assertContains(r, "This page doesn", status_code=404)
        self.assertContains(r, "· Nearer</title>", status_code=404)

    def test_404_does_not_echo_the_url(self) -> None:
        r = self.client.get("/<script>alert(1)</script>/")
        self.assertNotContains(r, "<script>alert", status_code=404)

    def test_signed_in_404_looks_the_same(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/made-up/page/")
        self.assertContains(r, "Nothing here", status_code=404)

    def test_500_page_needs_nothing(self) -> None:
        r = server_error(RequestFactory().get("/"))
        self.assertEqual(r.status_code, 500)
        self.assertIn(b"Nothing you had saved is lost", r.content)
