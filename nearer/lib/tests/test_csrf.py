from __future__ import annotations

from django.test import Client

from nearer.accounts.models import User
from nearer.couples.pairing import pairing_for
from nearer.testing import PASSWORD, BaseTestCase, sign_in

STATE_CHANGES = [
    ("/sign-out/", {}),
    ("/account/", {"display_name": "Mallory", "time_zone": "UTC", "language": "en"}),
    ("/account/e-mail/", {"email": "mallory@evil.example"}),
    (
        "/account/password/",
        {"new_password1": "pwned pwned pwned", "new_password2": "pwned pwned pwned"},
    ),
    ("/account/delete/", {"confirm": "DELETE"}),
    ("/pair/invite/", {}),
    ("/pair/join/", {"code": "ABCD2345"}),
    ("/pair/unpair/", {"confirm": "on"}),
]


class CsrfTestCase(BaseTestCase):
    def test_posts_without_a_token_are_refused(self) -> None:
        client = Client(enforce_csrf_checks=True)
        sign_in(client, self.alice)
        for url, data in STATE_CHANGES:
            with self.subTest(url=url):
                self.assertEqual(client.post(url, data).status_code, 403)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.display_name, "Alice")
        self.assertTrue(self.alice.check_password(PASSWORD))
        self.assertIsNotNone(pairing_for(self.alice))
        self.assertEqual(client.get("/account/").status_code, 200)

    def test_sign_in_and_sign_up_need_the_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        r = client.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
        self.assertEqual(r.status_code, 403)
        r = client.post(
            "/sign-up/",
            {
                "display_name": "M",
                "email": "m@example.org",
                "password": PASSWORD,
                "time_zone": "UTC",
            },
        )
        self.assertEqual(r.status_code, 403)
        self.assertFalse(User.objects.filter(email="m@example.org").exists())

    def test_posts_with_the_token_work(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.get("/sign-in/")
        token = client.cookies["csrftoken"].value
        r = client.post(
            "/sign-in/",
            {"email": "alice@example.org", "password": PASSWORD, "csrfmiddlewaretoken": token},
        )
        self.assertEqual(r.status_code, 302)

        # htmx sends the token in a header, read from the page.
        r = client.get("/account/")
        token = client.cookies["csrftoken"].value
        r = client.post(
            "/account/",
            {"display_name": "Alice B", "time_zone": "UTC", "language": "en"},
            HTTP_X_CSRFTOKEN=token,
        )
        self.assertEqual(r.status_code, 302)

    def test_a_cross_site_origin_is_refused(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.get("/sign-in/")
        token = client.cookies["csrftoken"].value
        r = client.post(
            "/sign-in/",
            {"email": "alice@example.org", "password": PASSWORD, "csrfmiddlewaretoken": token},
            HTTP_ORIGIN="https://evil.example",
        )
        self.assertEqual(r.status_code, 403)
