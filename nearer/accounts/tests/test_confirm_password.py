from __future__ import annotations

from datetime import timedelta

import time_machine
from django.conf import settings
from django.utils import timezone

from nearer.testing import PASSWORD, BaseTestCase, without_tokens

SENSITIVE = [
    "/account/e-mail/",
    "/account/password/",
    "/account/delete/",
    "/pair/unpair/",
    "/pair/export/",
]


class ConfirmPasswordTestCase(BaseTestCase):
    def later(self) -> time_machine.travel:
        return time_machine.travel(
            timezone.now() + timedelta(seconds=settings.REAUTH_SECONDS + 1), tick=False
        )

    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        with self.later():
            r = self.client.get("/account/confirm-password/?next=/account/e-mail/")
            self.assertContains(r, "Confirm it")
            self.assertContains(r, 'name="next" value="/account/e-mail/"')
            r = self.client.post(
                "/account/confirm-password/?next=/account/e-mail/",
                {"password": PASSWORD, "next": "/account/e-mail/"},
            )
            self.assertRedirects(r, "/account/e-mail/", fetch_redirect_response=False)
            self.assertEqual(self.client.get("/account/e-mail/").status_code, 200)

    def test_it_requires_login(self) -> None:
        r = self.client.get("/account/confirm-password/")
        self.assertRedirects(
            r, "/sign-in/?next=/account/confirm-password/", fetch_redirect_response=False
        )

    def test_sensitive_pages_ask_again_after_a_while(self) -> None:
        self.sign_in(self.alice)
        for url in SENSITIVE:
            self.assertEqual(self.client.get(url).status_code, 200, url)
        with self.later():
            for url in SENSITIVE:
                r = self.client.get(url)
                quoted = url.replace("/", "%2F")
                self.assertRedirects(
                    r,
                    f"/account/confirm-password/?next={quoted}",
                    fetch_redirect_response=False,
                    msg_prefix=url,
                )

    def test_sensitive_pages_require_login(self) -> None:
        for url in SENSITIVE:
            r = self.client.get(url)
            self.assertRedirects(r, f"/sign-in/?next={url}", fetch_redirect_response=False)

    def test_wrong_password_shows_an_error(self) -> None:
        self.sign_in(self.alice)
        with self.later():
            r = self.client.post(
                "/account/confirm-password/?next=/pair/unpair/",
                {"password": "wrong", "next": "/pair/unpair/"},
            )
            self.assertContains(r, "That password isn&#x27;t right.")
            # Still not allowed in.
            self.assertEqual(self.client.get("/pair/unpair/").status_code, 302)

    def test_password_guessing_is_limited(self) -> None:
        self.sign_in(self.alice)
        with self.later():
            for _ in range(5):
                r = self.client.post("/account/confirm-password/", {"password": "guess"})
                self.assertEqual(r.status_code, 200)
            r = self.client.post(
                "/account/confirm-password/", {"password": PASSWORD, "next": "/pair/unpair/"}
            )
            self.assertContains(r, "Too many attempts.", status_code=429)
            self.assertEqual(self.client.get("/pair/unpair/").status_code, 302)
            # While locked, a right guess and a wrong one read the same.
            right = self.client.post("/account/confirm-password/", {"password": PASSWORD})
            wrong = self.client.post("/account/confirm-password/", {"password": "nope"})
            self.assertEqual(right.status_code, wrong.status_code)
            self.assertEqual(
                without_tokens(right.content.decode()), without_tokens(wrong.content.decode())
            )

    def test_empty_post_shows_an_error(self) -> None:
        self.sign_in(self.alice)
        r = self.client.post("/account/confirm-password/", {})
        self.assertContains(r, "Please fill this in.")

    def test_partners_password_does_not_work(self) -> None:
        self.bob.set_password("bobs own password")
        self.bob.save()
        self.sign_in(self.alice)
        with self.later():
            r = self.client.post("/account/confirm-password/", {"password": "bobs own password"})
        self.assertContains(r, "That password isn&#x27;t right.")

    def test_next_never_leaves_the_site(self) -> None:
        self.sign_in(self.alice)
        r = self.client.post(
            "/account/confirm-password/", {"password": PASSWORD, "next": "https://evil.example/"}
        )
        self.assertRedirects(r, "/", fetch_redirect_response=False)
