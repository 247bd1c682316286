from __future__ import annotations

from datetime import timedelta

import time_machine
from django.core import signing
from django.utils import timezone

from nearer.accounts.models import User
from nearer.accounts.tokens import make_confirm_token
from nearer.testing import BaseTestCase, link_in, mails_to, sign_up_frank


class ConfirmEmailTestCase(BaseTestCase):
    def sign_up_frank(self) -> User:
        sign_up_frank(self.client)
        return User.objects.get(email="frank@example.org")

    def test_it_works(self) -> None:
        frank = self.sign_up_frank()
        (message,) = mails_to("frank@example.org")
        link = link_in(message.body_text, "/confirm/")
        self.assertIn(link, message.body_html)

        r = self.client.get(link, follow=True)
        self.assertRedirects(r, "/sign-in/?confirmed=1")
        # Greeted as the newcomer he is, not with "Welcome back".
        self.assertContains(r, "<h1>Welcome to Nearer</h1>", html=False)
        self.assertContains(r, "Your e-mail is confirmed.")
        self.assertNotContains(r, "Welcome back")
        frank.refresh_from_db()
        self.assertTrue(frank.email_confirmed)

        # Confirmed, Frank can now sign in.
        r = self.client.post(
            "/sign-in/", {"email": "frank@example.org", "password": "a quiet walk by the river"}
        )
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_it_needs_no_sign_in(self) -> None:
        frank = self.sign_up_frank()
        token = make_confirm_token(frank, frank.email)
        r = self.client.get(f"/confirm/{token}/")
        self.assertEqual(r.status_code, 302)

    def test_tampered_token_is_refused(self) -> None:
        frank = self.sign_up_frank()
        token = make_confirm_token(frank, frank.email)
        tampered = token[:-3] + ("aaa" if token[-3:] != "aaa" else "bbb")
        r = self.client.get(f"/confirm/{tampered}/")
        self.assertContains(r, "That link didn", status_code=400)
        frank.refresh_from_db()
        self.assertFalse(frank.email_confirmed)

    def test_garbage_is_refused(self) -> None:
        for token in ("x", "not-a-token", "a" * 2000, "%00%ff", "a%00b", "..:..:.."):
            r = self.client.get(f"/confirm/{token}/")
            self.assertEqual(r.status_code, 400, token)

    def test_token_for_someone_else_cannot_be_forged(self) -> None:
        # Signed with another salt (e.g. a different kind of link): not accepted here.
        token = signing.dumps({"u": str(self.eve.code), "e": "eve@evil.example"})
        r = self.client.get(f"/confirm/{token}/")
        self.assertEqual(r.status_code, 400)
        self.eve.refresh_from_db()
        self.assertEqual(self.eve.email, "eve@example.org")

    def test_expired_link_is_refused(self) -> None:
        frank = self.sign_up_frank()
        token = make_confirm_token(frank, frank.email)
        with time_machine.travel(timezone.now() + timedelta(hours=49), tick=False):
            r = self.client.get(f"/confirm/{token}/")
        self.assertEqual(r.status_code, 400)

    def test_link_for_a_deleted_account_is_refused(self) -> None:
        frank = self.sign_up_frank()
        token = make_confirm_token(frank, frank.email)
        frank.delete()
        r = self.client.get(f"/confirm/{token}/")
        self.assertEqual(r.status_code, 400)

    def test_signed_in_person_goes_home(self) -> None:
        token = make_confirm_token(self.alice, self.alice.email)
        self.sign_in(self.alice)
        r = self.client.get(f"/confirm/{token}/")
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_older_link_without_origin_only_confirms_its_own_address(self) -> None:
        salt = "nearer.accounts.confirm-email"
        frank = self.sign_up_frank()
        own = signing.dumps({"u": str(frank.code), "e": "frank@example.org"}, salt=salt)
        other = signing.dumps({"u": str(frank.code), "e": "frank@new.example"}, salt=salt)

        self.assertEqual(self.client.get(f"/confirm/{other}/").status_code, 400)
        self.assertEqual(self.client.get(f"/confirm/{own}/").status_code, 302)
        frank.refresh_from_db()
        self.assertEqual(frank.email, "frank@example.org")
        self.assertTrue(frank.email_confirmed)
