from __future__ import annotations

from django.test import Client

from nearer.outbox.models import OutboxMessage
from nearer.testing import PASSWORD, BaseTestCase, link_in, mails_to, sign_in, without_tokens

NEW = "a brand new long passphrase"


class PasswordResetTestCase(BaseTestCase):
    def test_it_works(self) -> None:
        r = self.client.get("/password-reset/")
        self.assertContains(r, "Reset your password")

        r = self.client.post("/password-reset/", {"email": "ALICE@example.org"})
        self.assertRedirects(r, "/password-reset/sent/")

        (message,) = mails_to("alice@example.org")
        self.assertEqual(message.subject, "Reset your Nearer password")
        link = link_in(message.body_text, "/password-reset/")
        self.assertIn(link, message.body_html)

        r = self.client.get(link, follow=True)
        self.assertContains(r, "Choose a new password")
        form_url = r.redirect_chain[-1][0]
        r = self.client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
        self.assertRedirects(r, "/password-reset/done/")

        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password(NEW))
        r = self.client.post("/sign-in/", {"email": "alice@example.org", "password": NEW})
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_known_and_unknown_addresses_read_the_same(self) -> None:
        known = Client().post("/password-reset/", {"email": "alice@example.org"}, follow=True)
        unknown = Client().post("/password-reset/", {"email": "nobody@example.org"}, follow=True)
        self.assertEqual(known.redirect_chain, unknown.redirect_chain)
        self.assertEqual(
            without_tokens(known.content.decode()), without_tokens(unknown.content.decode())
        )
        self.assertEqual(OutboxMessage.objects.count(), 1)
        self.assertEqual(mails_to("nobody@example.org"), [])

    def test_the_link_works_once(self) -> None:
        self.client.post("/password-reset/", {"email": "alice@example.org"})
        (message,) = mails_to("alice@example.org")
        link = link_in(message.body_text, "/password-reset/")
        r = self.client.get(link, follow=True)
        form_url = r.redirect_chain[-1][0]
        self.client.post(form_url, {"new_password1": NEW, "new_password2": NEW})

        r = Client().get(link, follow=True)
        self.assertContains(r, "That link didn")
        self.assertNotContains(r, "new_password1")

    def test_a_tampered_link_does_not_work(self) -> None:
        r = self.client.get("/password-reset/MQ/abc-0123456789abcdef/", follow=True)
        self.assertContains(r, "That link didn")

    def test_it_signs_out_other_sessions(self) -> None:
        phone = Client()
        sign_in(phone, self.alice)
        self.client.post("/password-reset/", {"email": "alice@example.org"})
        (message,) = mails_to("alice@example.org")
        r = self.client.get(link_in(message.body_text, "/password-reset/"), follow=True)
        self.client.post(r.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})

        r = phone.get("/account/")
        self.assertRedirects(r, "/sign-in/?next=/account/", fetch_redirect_response=False)

    def test_weak_new_password_is_refused(self) -> None:
        self.client.post("/password-reset/", {"email": "alice@example.org"})
        (message,) = mails_to("alice@example.org")
        r = self.client.get(link_in(message.body_text, "/password-reset/"), follow=True)
        r = self.client.post(
            r.redirect_chain[-1][0], {"new_password1": "iloveyou", "new_password2": "iloveyou"}
        )
        self.assertContains(r, "too common")
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password(PASSWORD))

    def test_bad_input_gets_a_clear_message(self) -> None:
        for data in ({}, {"email": "nope"}, {"email": "x" * 300 + "@example.org"}):
            r = self.client.post("/password-reset/", data)
            self.assertEqual(r.status_code, 200)
            self.assertContains(r, "field-invalid")
        self.assertFalse(OutboxMessage.objects.exists())
