"""Sign-in, sign-up and reset limits as an attacker meets them: behind the production
proxy, with a cache they can fill, and against a person who resets their password."""

from __future__ import annotations

from django.core.cache import cache
from django.test import Client, override_settings

from nearer.accounts.models import User
from nearer.limits.models import RateCounter
from nearer.testing import PASSWORD, BaseTestCase, link_in, mails_to

PROXY = "192.0.2.10"  # every request reaches the app from here
ATTACKER, ALICE_AT_HOME, SOMEONE_ELSE = "198.51.100.66", "203.0.113.5", "203.0.113.99"
NEW = "a brand new long passphrase"


def via_proxy(client_address: str, made_up: str = "") -> dict[str, str]:
    """What the app sees of a request the proxy passed on: the proxy appends the address
    it was reached from to whatever X-Forwarded-For the client sent."""
    forwarded = f"{made_up}, {client_address}" if made_up else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


class SignInLimitsTestCase(BaseTestCase):
    def attempt(self, email: str, password: str, client: Client | None = None, **extra):
        client = client or Client()
        return client.post("/sign-in/", {"email": email, "password": password}, **extra)

    def lock_alice(self) -> None:
        for _ in range(5):
            self.assertEqual(self.attempt("alice@example.org", "guess").status_code, 200)
        self.assertEqual(self.attempt("alice@example.org", PASSWORD).status_code, 429)

    def reset_password(self, email: str, new: str) -> None:
        self.client.post("/password-reset/", {"email": email})
        message = mails_to(email)[-1]
        r = self.client.get(link_in(message.body_text, "/password-reset/"), follow=True)
        r = self.client.post(r.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
        self.assertRedirects(r, "/password-reset/done/")

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_an_attacker_behind_the_proxy_cannot_lock_out_anyone_else(self) -> None:
        # 60 failures with made-up addresses, each for a made-up account.
        statuses = {
            self.attempt(
                f"nobody{i}@example.org", "guess", **via_proxy(ATTACKER, made_up=f"10.0.{i}.1")
            ).status_code
            for i in range(60)
        }
        # The attacker's own address is what locked, whatever they sent in the header.
        self.assertEqual(statuses, {200, 429})
        r = self.attempt("alice@example.org", PASSWORD, **via_proxy(ATTACKER, made_up="10.1.1.1"))
        self.assertEqual(r.status_code, 429)

        # Alice, through the same proxy, signs in with her password.
        r = self.attempt("alice@example.org", PASSWORD, **via_proxy(ALICE_AT_HOME))
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    @override_settings(TRUSTED_PROXY_COUNT=0)
    def test_without_a_trusted_proxy_the_header_buys_nothing(self) -> None:
        for i in range(50):
            extra = {"REMOTE_ADDR": ATTACKER, "HTTP_X_FORWARDED_FOR": f"10.0.{i}.1"}
            self.attempt(f"nobody{i}@example.org", "guess", **extra)
        extra = {"REMOTE_ADDR": ATTACKER, "HTTP_X_FORWARDED_FOR": ALICE_AT_HOME}
        self.assertEqual(self.attempt("alice@example.org", PASSWORD, **extra).status_code, 429)
        r = self.attempt("alice@example.org", PASSWORD, REMOTE_ADDR=ALICE_AT_HOME)
        self.assertEqual(r.status_code, 302)

    def test_a_right_password_is_not_counted_against_the_address(self) -> None:
        # Fifty-one people behind one router sign in with their own passwords.
        for _ in range(51):
            r = self.attempt("bob@example.org", PASSWORD, REMOTE_ADDR=SOMEONE_ELSE)
            self.assertEqual(r.status_code, 302)

    def test_a_full_cache_does_not_lift_a_lock(self) -> None:
        self.lock_alice()
        # The default cache keeps 300 entries and drops a third when full; anyone who
        # can make the app cache things could once empty the counters this way.
        for i in range(1000):
            cache.set(f"~filler-{i}", i)
        self.assertEqual(self.attempt("alice@example.org", PASSWORD).status_code, 429)
        cache.clear()
        self.assertEqual(self.attempt("alice@example.org", PASSWORD).status_code, 429)

    def test_a_password_reset_lifts_the_lock_at_once(self) -> None:
        self.lock_alice()
        self.reset_password("alice@example.org", NEW)
        r = self.attempt("alice@example.org", NEW)
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        # Bob's lock, had he one, is his own: resetting Alice's password lifts only hers.
        for _ in range(5):
            self.attempt("bob@example.org", "guess")
        self.reset_password("alice@example.org", NEW + " again")
        self.assertEqual(self.attempt("bob@example.org", PASSWORD).status_code, 429)

    def test_the_table_holds_no_email_or_address(self) -> None:
        self.attempt("alice@example.org", "guess", REMOTE_ADDR=ATTACKER)
        Client().post("/password-reset/", {"email": "alice@example.org"}, REMOTE_ADDR=ATTACKER)
        Client().post("/sign-up/", {}, REMOTE_ADDR=ATTACKER)
        keys = list(RateCounter.objects.values_list("key", flat=True))
        self.assertGreaterEqual(len(keys), 4)  # account, address, reset address, reset mail
        for key in keys:
            for clear_text in ("alice", "example", ATTACKER, "198.51"):
                self.assertNotIn(clear_text, key)


class SignUpAndResetLimitsTestCase(BaseTestCase):
    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_sign_ups_are_counted_per_client_behind_the_proxy(self) -> None:
        for i in range(10):
            Client().post("/sign-up/", {}, **via_proxy(ATTACKER, made_up=f"10.0.{i}.1"))
        form = {
            "display_name": "Frank",
            "email": "frank@example.org",
            "password": "a quiet walk by the river",
            "time_zone": "UTC",
        }
        r = Client().post("/sign-up/", form, **via_proxy(ATTACKER, made_up="10.9.9.9"))
        self.assertContains(r, "Too many sign-ups from here just now.")
        r = Client().post("/sign-up/", form, **via_proxy(SOMEONE_ELSE))
        self.assertContains(r, "Check your inbox")
        self.assertTrue(User.objects.filter(email="frank@example.org").exists())

    def test_password_resets_are_limited_per_client(self) -> None:
        for i in range(10):
            r = Client().post(
                "/password-reset/", {"email": f"nobody{i}@example.org"}, REMOTE_ADDR=ATTACKER
            )
            self.assertRedirects(r, "/password-reset/sent/", fetch_redirect_response=False)
        # The eleventh reads the same, but sends nothing, even for a real account.
        r = Client().post("/password-reset/", {"email": "alice@example.org"}, REMOTE_ADDR=ATTACKER)
        self.assertRedirects(r, "/password-reset/sent/", fetch_redirect_response=False)
        self.assertEqual(mails_to("alice@example.org"), [])
        # Alice, elsewhere, gets her link.
        Client().post("/password-reset/", {"email": "alice@example.org"}, REMOTE_ADDR=SOMEONE_ELSE)
        self.assertEqual(len(mails_to("alice@example.org")), 1)
