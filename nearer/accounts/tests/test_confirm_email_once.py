"""A confirmation link works once; its 48 hours stay as they were."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.core import signing
from django.utils import timezone

from nearer.accounts.models import User
from nearer.accounts.tokens import make_confirm_token
from nearer.testing import BaseTestCase, link_in, mails_to, sign_up_frank


class ConfirmEmailOnceTestCase(BaseTestCase):
    def sign_up_frank(self) -> tuple[User, str]:
        sign_up_frank(self.client)
        (message,) = mails_to("frank@example.org")
        return User.objects.get(email="frank@example.org"), link_in(message.body_text, "/confirm/")

    def test_a_used_link_says_so_and_changes_nothing(self) -> None:
        frank, link = self.sign_up_frank()
        self.assertRedirects(
            self.client.get(link), "/sign-in/?confirmed=1", fetch_redirect_response=False
        )
        frank.refresh_from_db()
        confirmed_at = frank.email_confirmed_at
        self.assertIsNotNone(confirmed_at)

        r = self.client.get(link, follow=True)
        self.assertRedirects(r, "/sign-in/")
        self.assertContains(r, "That link has been used already")
        frank.refresh_from_db()
        self.assertEqual(frank.email_confirmed_at, confirmed_at)

    def test_a_second_link_is_used_up_by_the_first(self) -> None:
        frank, first = self.sign_up_frank()
        second = f"/confirm/{make_confirm_token(frank, frank.email)}/"
        self.client.get(first)
        frank.refresh_from_db()
        confirmed_at = frank.email_confirmed_at
        r = self.client.get(second, follow=True)
        self.assertContains(r, "That link has been used already")
        frank.refresh_from_db()
        self.assertEqual(frank.email_confirmed_at, confirmed_at)

    def test_a_change_of_address_link_works_once(self) -> None:
        self.sign_in(self.alice)
        self.client.post("/account/e-mail/", {"email": "alice@new.example"})
        link = link_in(mails_to("alice@new.example")[0].body_text, "/confirm/")
        self.assertRedirects(self.client.get(link), "/", fetch_redirect_response=False)
        self.assertEqual(len(mails_to("alice@example.org")), 1)  # the notice of the change

        self.assertRedirects(self.client.get(link), "/", fetch_redirect_response=False)
        self.assertContains(self.client.get("/account/"), "That link has been used already")
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.email, "alice@new.example")
        self.assertEqual(len(mails_to("alice@example.org")), 1)  # no second notice

    def test_a_used_link_that_has_expired_is_just_refused(self) -> None:
        _frank, link = self.sign_up_frank()
        self.client.get(link)
        with time_machine.travel(timezone.now() + timedelta(hours=49), tick=False):
            self.assertContains(self.client.get(link), "That link didn", status_code=400)

    def test_an_older_link_without_the_state_still_works_once(self) -> None:
        frank, _link = self.sign_up_frank()
        salt = "nearer.accounts.confirm-email"
        data = {"u": str(frank.code), "e": frank.email, "f": frank.email}
        older = f"/confirm/{signing.dumps(data, salt=salt, compress=True)}/"
        self.assertEqual(self.client.get(older).status_code, 302)
        frank.refresh_from_db()
        self.assertTrue(frank.email_confirmed)
        self.assertContains(self.client.get(older, follow=True), "That link has been used already")
