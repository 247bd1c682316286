from __future__ import annotations

from django.http import HttpResponse
from django.test import Client, RequestFactory

from nearer.lib.errors import server_error
from nearer.testing import BaseTestCase, sign_in


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


class UnreadableBodyTestCase(BaseTestCase):
    """A body that can't be read gets our 400, not a 500 (Django's own 400 view read the
    body again for its CSRF check, and that raised a second time)."""

    def post(self, body: bytes, content_type: str, client: Client | None = None) -> HttpResponse:
        # As a browser that has seen the page sends it: with its CSRF cookie, so the CSRF
        # check reads the body for the token, where the failure comes from.
        client = client or Client(enforce_csrf_checks=True)
        client.get("/sign-in/")
        # generic(): post() would decode the bytes as UTF-8 to re-encode them.
        return client.generic("POST", "/sign-in/", body, content_type=content_type)

    def test_a_body_in_another_charset_gets_our_400(self) -> None:
        bodies = {
            "utf-16": "email=alice@example.org&password=x".encode("utf-16"),
            "latin-1": "email=al\xefce@example.org&password=\xe9t\xe9".encode("latin-1"),
        }
        for charset, body in bodies.items():
            content_type = f"application/x-www-form-urlencoded; charset={charset}"
            for client in (Client(enforce_csrf_checks=True), Client()):
                with self.subTest(charset=charset, csrf=client.handler.enforce_csrf_checks):
                    r = self.post(body, content_type, client)
                    self.assertContains(r, "We couldn", status_code=400)
                    self.assertContains(r, "Nothing you had saved is lost", status_code=400)
                    self.assertContains(r, "· Nearer</title>", status_code=400)

    def test_a_signed_in_person_gets_the_same_page(self) -> None:
        client = Client(enforce_csrf_checks=True)
        sign_in(client, self.alice)
        client.get("/account/")
        body = "display_name=Al\xefce".encode("latin-1")
        latin1 = "application/x-www-form-urlencoded; charset=latin-1"
        r = client.generic("POST", "/account/", body, content_type=latin1)
        self.assertContains(r, "We couldn", status_code=400)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.display_name, "Alice")
