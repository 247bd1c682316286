from __future__ import annotations

from django.http import HttpResponse
from django.test import Client, override_settings

from nearer.testing import BaseTestCase, sign_in

LATIN1 = "application/x-www-form-urlencoded; charset=latin-1"


class CsrfFailurePageTestCase(BaseTestCase):
    """A stale tab's form, refused by the CSRF check, gets our page: what happened and
    how to keep what was typed, never Django's technical one or its reason."""

    def assertOurPage(self, r: HttpResponse) -> None:
        self.assertContains(r, "That wasn", status_code=403)
        self.assertContains(r, "go back, copy it", status_code=403)
        self.assertContains(r, "· Nearer</title>", status_code=403)
        self.assertNotContains(r, "CSRF verification failed", status_code=403)
        self.assertNotContains(r, "Forbidden", status_code=403)
        self.assertNotContains(r, "CSRF cookie", status_code=403)
        self.assertNotContains(r, "CSRF token", status_code=403)

    def test_a_signed_in_form_without_its_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        sign_in(client, self.alice)
        client.get("/account/")
        r = client.post("/account/", {"display_name": "Mallory", "time_zone": "UTC"})
        self.assertOurPage(r)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.display_name, "Alice")

    def test_a_signed_out_form_without_its_token(self) -> None:
        r = Client(enforce_csrf_checks=True).post("/sign-in/", {"email": "alice@example.org"})
        self.assertOurPage(r)

    def test_an_htmx_post_with_an_old_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        sign_in(client, self.alice)
        client.get("/account/")
        r = client.post(
            "/account/",
            {"display_name": "Mallory", "time_zone": "UTC"},
            HTTP_HX_REQUEST="true",
            HTTP_X_CSRFTOKEN="x" * 64,
        )
        self.assertOurPage(r)

    @override_settings(DEBUG=True)
    def test_no_technical_text_even_with_debug_on(self) -> None:
        client = Client(enforce_csrf_checks=True)
        sign_in(client, self.alice)
        r = client.post("/account/", {"display_name": "Mallory"})
        self.assertOurPage(r)
        self.assertNotContains(r, "DEBUG", status_code=403)

    def test_a_body_in_latin_1_is_refused_without_a_500(self) -> None:
        body = "display_name=Al\xefce".encode("latin-1")
        for has_cookie in (False, True):
            with self.subTest(has_cookie=has_cookie):
                client = Client(enforce_csrf_checks=True)
                sign_in(client, self.alice)
                if has_cookie:
                    client.get("/account/")  # so the check reads the body for its token
                r = client.generic("POST", "/account/", body, content_type=LATIN1)
                self.assertIn(r.status_code, (400, 403))
                self.assertNotContains(r, "CSRF verification failed", status_code=r.status_code)
                self.assertContains(r, "· Nearer</title>", status_code=r.status_code)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.display_name, "Alice")
