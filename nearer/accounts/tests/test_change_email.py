from __future__ import annotations

from datetime import timedelta

import time_machine
from django.utils import timezone

from nearer.accounts.models import User
from nearer.accounts.tokens import make_confirm_token
from nearer.testing import BaseTestCase, link_in, mails_to


class ChangeEmailTestCase(BaseTestCase):
    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/account/e-mail/")
        self.assertContains(r, "Change e-mail")

        r = self.client.post("/account/e-mail/", {"email": "alice@new.example"})
        self.assertRedirects(r, "/account/")

        # Nothing changes until the link is opened from the new inbox.
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.email, "alice@example.org")
        self.assertEqual(mails_to("alice@example.org"), [])
        (message,) = mails_to("alice@new.example")
        link = link_in(message.body_text, "/confirm/")

        r = self.client.get(link)
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.email, "alice@new.example")

        # The old address hears about it.
        (notice,) = mails_to("alice@example.org")
        self.assertIn("was just changed", notice.body_text)
        self.assertIn("/password-reset/", notice.body_text)

        # Alice signs in with the new address from now on.
        self.client.post("/sign-out/")
        r = self.client.post(
            "/sign-in/", {"email": "alice@new.example", "password": "correct horse battery staple"}
        )
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_it_requires_login(self) -> None:
        r = self.client.get("/account/e-mail/")
        self.assertRedirects(r, "/sign-in/?next=/account/e-mail/", fetch_redirect_response=False)

    def test_it_requires_recent_password(self) -> None:
        self.sign_in(self.alice)
        later = timezone.now() + timedelta(minutes=11)
        with time_machine.travel(later, tick=False):
            r = self.client.post("/account/e-mail/", {"email": "alice@new.example"})
        self.assertRedirects(
            r,
            "/account/confirm-password/?next=%2Faccount%2Fe-mail%2F",
            fetch_redirect_response=False,
        )
        self.assertEqual(mails_to("alice@new.example"), [])

    def test_address_of_another_account_is_not_taken(self) -> None:
        self.sign_in(self.alice)
        r = self.client.post("/account/e-mail/", {"email": "BOB@example.org"}, follow=True)
        # The same answer as for a free address, but Bob's inbox hears nothing of Alice.
        self.assertContains(r, "We&#x27;ve sent a link to the new address.")
        self.assertEqual(mails_to("bob@example.org"), [])
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.email, "alice@example.org")

    def test_link_for_an_address_taken_meanwhile_is_refused(self) -> None:
        self.sign_in(self.alice)
        self.client.post("/account/e-mail/", {"email": "frank@example.org"})
        (message,) = mails_to("frank@example.org")
        User.objects.create_user("Frank@example.org", "x" * 12, display_name="Frank")
        r = self.client.get(link_in(message.body_text, "/confirm/"))
        self.assertRedirects(r, "/sign-in/", fetch_redirect_response=False)
        r = self.client.get("/account/")
        self.assertContains(r, "That address is now used by another account.")
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.email, "alice@example.org")

    def test_bad_address_is_refused(self) -> None:
        self.sign_in(self.alice)
        for bad in ("", "nope", "a" * 250 + "@example.org", "<script>@x"):
            r = self.client.post("/account/e-mail/", {"email": bad})
            self.assertEqual(r.status_code, 200)
            self.assertContains(r, "field-invalid")
        r = self.client.post("/account/e-mail/", {})
        self.assertContains(r, "Please fill this in.")

    def test_old_links_stop_working_after_a_change(self) -> None:
        # A link sent to the old address before the change must not switch the
        # account back to it (the old inbox may be why the address was changed).
        old_link = f"/confirm/{make_confirm_token(self.alice, 'alice@example.org')}/"
        new_link = f"/confirm/{make_confirm_token(self.alice, 'alice@new.example')}/"
        self.client.get(new_link)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.email, "alice@new.example")

        r = self.client.get(old_link)
        self.assertEqual(r.status_code, 400)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.email, "alice@new.example")
