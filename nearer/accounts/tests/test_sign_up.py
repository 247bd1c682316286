from __future__ import annotations

from django.core import mail
from django.test import Client

from nearer.accounts.models import User
from nearer.outbox.models import OutboxMessage
from nearer.testing import BaseTestCase, mails_to, sign_in, without_tokens

GOOD_PASSWORD = "a quiet walk by the river"


class SignUpTestCase(BaseTestCase):
    def form(self, **changes: str) -> dict[str, str]:
        data = {
            "display_name": "Frank",
            "email": "frank@example.org",
            "password": GOOD_PASSWORD,
            "time_zone": "Europe/Berlin",
        }
        data.update(changes)
        return data

    def test_it_works(self) -> None:
        r = self.client.get("/sign-up/")
        self.assertContains(r, "Create your account")

        r = self.client.post("/sign-up/", self.form())
        self.assertContains(r, "Check your inbox")

        frank = User.objects.get(email="frank@example.org")
        self.assertEqual(frank.display_name, "Frank")
        self.assertEqual(frank.time_zone, "Europe/Berlin")
        self.assertFalse(frank.email_confirmed)
        self.assertTrue(frank.check_password(GOOD_PASSWORD))
        # The confirmation waits in the outbox; nothing leaves the web process.
        (message,) = mails_to("frank@example.org")
        self.assertIn("/confirm/", message.body_text)
        self.assertEqual(mail.outbox, [])

    def test_signed_in_person_goes_home(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/sign-up/")
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_known_address_gets_the_same_answer(self) -> None:
        fresh = Client().post("/sign-up/", self.form(email="frank@example.org"))
        known = Client().post("/sign-up/", self.form(email="alice@example.org"))

        self.assertEqual(fresh.status_code, known.status_code)
        fresh_body = without_tokens(fresh.content.decode()).replace("frank@example.org", "@")
        known_body = without_tokens(known.content.decode()).replace("alice@example.org", "@")
        self.assertEqual(fresh_body, known_body)

    def test_known_address_mails_the_owner_and_creates_nothing(self) -> None:
        self.client.post("/sign-up/", self.form(email="ALICE@Example.org", password="new secret!"))

        self.assertEqual(User.objects.filter(email__iexact="alice@example.org").count(), 1)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.display_name, "Alice")
        self.assertFalse(self.alice.check_password("new secret!"))
        (message,) = mails_to("alice@example.org")
        self.assertIn("already have one", message.body_text)
        self.assertNotIn("/confirm/", message.body_text)

    def test_email_is_unique_regardless_of_case(self) -> None:
        self.client.post("/sign-up/", self.form(email="Frank@Example.ORG"))
        self.client.post("/sign-up/", self.form(email="fRANK@example.org"))
        self.assertEqual(User.objects.filter(email__iexact="frank@example.org").count(), 1)

    def test_empty_fields_are_refused(self) -> None:
        r = self.client.post("/sign-up/", {})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Please fill this in.", count=4)
        self.assertFalse(OutboxMessage.objects.exists())

    def test_blank_name_is_refused(self) -> None:
        r = self.client.post("/sign-up/", self.form(display_name="   "))
        self.assertContains(r, "Please fill this in.")
        self.assertFalse(User.objects.filter(email="frank@example.org").exists())

    def test_over_long_fields_are_refused(self) -> None:
        r = self.client.post(
            "/sign-up/",
            self.form(
                display_name="x" * 61,
                email="f" * 250 + "@example.org",
                password="p" * 257,
                time_zone="Z" * 65,
            ),
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "this takes up to 60 characters")
        self.assertContains(r, "this takes up to 254 characters")
        self.assertContains(r, "this takes up to 256 characters")
        self.assertContains(r, "this takes up to 64 characters")
        self.assertFalse(User.objects.filter(display_name__startswith="xxx").exists())

    def test_wrong_types_are_refused(self) -> None:
        r = self.client.post("/sign-up/", self.form(email="not an address", time_zone="3"))
        self.assertContains(r, "look like an e-mail address. Is there a typo?")
        self.assertContains(r, "isn&#x27;t a time zone we know")

    def test_null_characters_are_refused_clearly(self) -> None:
        r = self.client.post(
            "/sign-up/", self.form(display_name="Fr\x00ank", email="fr\x00nk@example.org")
        )
        self.assertContains(r, "Null characters are not allowed.")
        self.assertFalse(User.objects.filter(display_name__startswith="Fr").exists())

    def test_invalid_time_zone_is_refused_clearly(self) -> None:
        r = self.client.post("/sign-up/", self.form(time_zone="Mars/Olympus_Mons"))
        self.assertContains(r, "“Mars/Olympus_Mons” isn&#x27;t a time zone we know")
        self.assertFalse(User.objects.filter(email="frank@example.org").exists())

    def test_name_with_html_is_shown_escaped(self) -> None:
        name = '<script>alert("hi")</script>'
        self.client.post("/sign-up/", self.form(display_name=name))
        frank = User.objects.get(email="frank@example.org")
        self.assertEqual(frank.display_name, name)

        (message,) = mails_to("frank@example.org")
        self.assertNotIn("<script>", message.body_html)
        self.assertIn("&lt;script&gt;", message.body_html)

        sign_in(self.client, frank)
        r = self.client.get("/account/")
        self.assertNotContains(r, "<script>alert")
        self.assertContains(r, "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;")

    def test_name_with_html_is_escaped_when_the_form_comes_back(self) -> None:
        r = self.client.post("/sign-up/", self.form(display_name="<b>x</b>", password="short"))
        self.assertNotContains(r, "<b>x</b>")
        self.assertContains(r, "&lt;b&gt;x&lt;/b&gt;")

    def test_short_password_is_refused(self) -> None:
        r = self.client.post("/sign-up/", self.form(password="seven77"))
        self.assertContains(r, "This password is too short. It must contain at least 8 characters.")
        self.assertFalse(User.objects.filter(email="frank@example.org").exists())

    def test_common_password_is_refused(self) -> None:
        r = self.client.post("/sign-up/", self.form(password="iloveyou"))
        self.assertContains(r, "This password is too common.")
        self.assertFalse(User.objects.filter(email="frank@example.org").exists())

    def test_password_like_the_address_is_refused(self) -> None:
        r = self.client.post("/sign-up/", self.form(password="frank@example.org"))
        self.assertContains(r, "too similar")

    def test_long_passphrase_is_accepted(self) -> None:
        passphrase = ("we met on a rainy tuesday in the library " * 3)[:100]
        self.assertEqual(len(passphrase), 100)
        self.client.post("/sign-up/", self.form(password=passphrase))
        frank = User.objects.get(email="frank@example.org")
        self.assertTrue(frank.check_password(passphrase))

    def test_no_composition_rules(self) -> None:
        # Lower-case letters only: no digit, capital or symbol is demanded.
        self.client.post("/sign-up/", self.form(password="meadowlarkbluebell"))
        self.assertTrue(User.objects.filter(email="frank@example.org").exists())

    def test_password_is_not_stripped(self) -> None:
        self.client.post("/sign-up/", self.form(password="  spaces around me  "))
        frank = User.objects.get(email="frank@example.org")
        self.assertTrue(frank.check_password("  spaces around me  "))

    def test_sign_ups_are_rate_limited_per_address(self) -> None:
        for _ in range(10):
            self.client.post("/sign-up/", {}, REMOTE_ADDR="203.0.113.7")
        r = self.client.post("/sign-up/", self.form(), REMOTE_ADDR="203.0.113.7")
        self.assertContains(r, "Too many sign-ups from here just now.")
        self.assertFalse(User.objects.filter(email="frank@example.org").exists())

        # Someone else, elsewhere, is not held back.
        r = Client().post("/sign-up/", self.form(), REMOTE_ADDR="198.51.100.9")
        self.assertContains(r, "Check your inbox")

    def test_get_and_post_only(self) -> None:
        r = self.client.put("/sign-up/")
        self.assertEqual(r.status_code, 405)
