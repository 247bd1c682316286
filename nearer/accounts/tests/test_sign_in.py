from __future__ import annotations

from datetime import timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from nearer.accounts.models import DeviceSession, User
from nearer.limits import counters
from nearer.testing import PASSWORD, BaseTestCase, mails_to


class SignInTestCase(BaseTestCase):
    def attempt(self, email: str, password: str, client: Client | None = None, **extra):
        client = client or self.client
        return client.post("/sign-in/", {"email": email, "password": password}, **extra)

    def test_it_works(self) -> None:
        r = self.client.get("/sign-in/")
        self.assertContains(r, "Welcome back")

        r = self.attempt("alice@example.org", PASSWORD, HTTP_USER_AGENT="Firefox on a phone")
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.alice.pk)
        device = DeviceSession.objects.get(user=self.alice)
        self.assertEqual(device.session_key, self.client.session.session_key)
        self.assertEqual(device.user_agent, "Firefox on a phone")

    def test_email_is_case_insensitive(self) -> None:
        r = self.attempt("  ALICE@Example.ORG ", PASSWORD)
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_it_rotates_the_session_key(self) -> None:
        self.client.get("/sign-in/")
        session = self.client.session
        session["before"] = "x"
        session.save()
        before = session.session_key

        self.attempt("alice@example.org", PASSWORD)
        after = self.client.session.session_key
        self.assertNotEqual(before, after)
        self.assertFalse(Session.objects.filter(session_key=before).exists())

    def test_unknown_email_and_wrong_password_read_the_same(self) -> None:
        unknown = self.attempt("nobody@example.org", PASSWORD, client=Client())
        wrong = self.attempt("alice@example.org", "not my password", client=Client())
        self.assertEqual(unknown.status_code, wrong.status_code)
        self.assertContains(unknown, "That e-mail and password don&#x27;t match an account.")
        self.assertContains(wrong, "That e-mail and password don&#x27;t match an account.")

    def test_unconfirmed_account_gets_a_fresh_link(self) -> None:
        frank = User.objects.create_user("frank@example.org", PASSWORD, display_name="Frank")
        r = self.attempt("frank@example.org", PASSWORD)
        self.assertContains(r, "Please confirm your e-mail first.")
        self.assertNotIn("_auth_user_id", self.client.session)
        (message,) = mails_to("frank@example.org")
        self.assertIn("/confirm/", message.body_text)
        self.assertFalse(DeviceSession.objects.filter(user=frank).exists())

    def test_unconfirmed_account_with_wrong_password_gets_nothing(self) -> None:
        User.objects.create_user("frank@example.org", PASSWORD, display_name="Frank")
        r = self.attempt("frank@example.org", "wrong password")
        self.assertContains(r, "don&#x27;t match an account")
        self.assertEqual(mails_to("frank@example.org"), [])

    def test_inactive_account_cannot_sign_in(self) -> None:
        User.objects.filter(pk=self.eve.pk).update(is_active=False)
        r = self.attempt("eve@example.org", PASSWORD)
        self.assertContains(r, "don&#x27;t match an account")

    def test_account_locks_after_five_failures(self) -> None:
        for _ in range(5):
            r = self.attempt("alice@example.org", "guess", REMOTE_ADDR="192.0.2.1")
            self.assertEqual(r.status_code, 200)
        # Even the right password is refused while locked.
        r = self.attempt("alice@example.org", PASSWORD, REMOTE_ADDR="192.0.2.1")
        self.assertContains(r, "Too many attempts.", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

        # Bob shares the home router and is not locked out.
        r = self.attempt("bob@example.org", PASSWORD, client=Client(), REMOTE_ADDR="192.0.2.1")
        self.assertRedirects(r, "/", fetch_redirect_response=False)

        # The lock lifts after the window.
        with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
            r = self.attempt("alice@example.org", PASSWORD, REMOTE_ADDR="192.0.2.1")
        self.assertEqual(r.status_code, 302)

    def test_lock_counts_the_address_regardless_of_case(self) -> None:
        for email in ("alice@example.org", "ALICE@example.org", "Alice@Example.org") * 2:
            self.attempt(email, "guess")
        r = self.attempt("alice@example.org", PASSWORD)
        self.assertEqual(r.status_code, 429)

    def test_success_resets_the_failure_count(self) -> None:
        for _ in range(4):
            self.attempt("alice@example.org", "guess")
        self.attempt("alice@example.org", PASSWORD)
        self.client.post("/sign-out/")
        for _ in range(4):
            self.attempt("alice@example.org", "guess")
        r = self.attempt("alice@example.org", PASSWORD)
        self.assertEqual(r.status_code, 302)

    def test_one_address_locks_after_many_failures(self) -> None:
        for _ in range(49):
            counters.hit("signin-ip", "192.0.2.66", limit=50, window=15 * 60)
        self.attempt("nobody@example.org", "guess", REMOTE_ADDR="192.0.2.66")
        r = self.attempt("alice@example.org", PASSWORD, REMOTE_ADDR="192.0.2.66")
        self.assertEqual(r.status_code, 429)
        r = self.attempt("alice@example.org", PASSWORD, REMOTE_ADDR="192.0.2.67")
        self.assertEqual(r.status_code, 302)

    def test_next_goes_to_the_same_site(self) -> None:
        r = self.client.get("/sign-in/?next=/account/")
        self.assertContains(r, 'name="next" value="/account/"')
        r = self.client.post(
            "/sign-in/",
            {"email": "alice@example.org", "password": PASSWORD, "next": "/account/"},
        )
        self.assertRedirects(r, "/account/", fetch_redirect_response=False)

    def test_next_survives_a_typo(self) -> None:
        self.client.post(
            "/sign-in/", {"email": "alice@example.org", "password": "typo", "next": "/account/"}
        )
        r = self.client.post(
            "/sign-in/",
            {"email": "alice@example.org", "password": "typo", "next": "/account/"},
        )
        self.assertContains(r, 'name="next" value="/account/"')

    def test_next_never_leaves_the_site(self) -> None:
        for target in (
            "https://evil.example/",
            "//evil.example/",
            "http://testserver.evil.example/",
            "javascript:alert(1)",
            "/\\evil.example",
            "https:evil.example",
        ):
            client = Client()
            r = client.post(
                "/sign-in/", {"email": "alice@example.org", "password": PASSWORD, "next": target}
            )
            self.assertRedirects(r, "/", fetch_redirect_response=False, msg_prefix=target)

    def test_next_is_escaped(self) -> None:
        r = self.client.get('/sign-in/?next="><script>alert(1)</script>')
        self.assertNotContains(r, "<script>alert(1)")

    def test_signed_in_person_goes_home(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/sign-in/")
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_signed_in_pages_are_not_stored(self) -> None:
        self.attempt("alice@example.org", PASSWORD)
        r = self.client.get("/account/")
        self.assertIn("no-store", r["Cache-Control"])
        self.assertIn("private", r["Cache-Control"])

    def test_malformed_posts_get_clear_messages(self) -> None:
        r = self.client.post("/sign-in/", {})
        self.assertContains(r, "Please fill this in.", count=2)
        r = self.client.post("/sign-in/", {"email": "x" * 300, "password": "p" * 300})
        self.assertContains(r, "this takes up to 254 characters")
        self.assertContains(r, "this takes up to 256 characters")
        r = self.client.post("/sign-in/", {"email": "a\x00@example.org", "password": "x\x00"})
        self.assertContains(r, "Null characters are not allowed.")
        r = self.client.post("/sign-in/", {"email": ["a@example.org", "b@example.org"]})
        self.assertEqual(r.status_code, 200)

    def test_password_is_never_shown_back(self) -> None:
        r = self.attempt("alice@example.org", "my-very-secret-guess")
        self.assertNotContains(r, "my-very-secret-guess")
