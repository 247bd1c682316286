from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from nearer.accounts.models import DeviceSession
from nearer.testing import PASSWORD, BaseTestCase, sign_in

ANDROID_FIREFOX = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"
MAC_SAFARI = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Safari/605.1.15"
)


class AccountTestCase(BaseTestCase):
    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/account/")
        self.assertContains(r, "Your e-mail is alice@example.org.")
        self.assertContains(r, 'value="Alice"')

    def test_it_requires_login(self) -> None:
        r = self.client.get("/account/")
        self.assertRedirects(r, "/sign-in/?next=/account/", fetch_redirect_response=False)

    def test_it_shows_only_my_own_details(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/account/")
        self.assertNotContains(r, "bob@example.org")
        self.assertNotContains(r, "charlie@example.org")

    def test_it_lists_my_sessions(self) -> None:
        phone = Client(HTTP_USER_AGENT=ANDROID_FIREFOX)
        phone.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
        laptop = Client(HTTP_USER_AGENT=MAC_SAFARI)
        laptop.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
        sign_in(Client(), self.bob)
        # The phone was last seen an hour ago.
        phone_device = DeviceSession.objects.get(user=self.alice, user_agent=ANDROID_FIREFOX)
        DeviceSession.objects.filter(pk=phone_device.pk).update(
            last_seen_at=timezone.now() - timedelta(hours=1)
        )

        r = laptop.get("/account/")
        # Named as a person would, never the raw string.
        self.assertContains(r, "Firefox Mobile on Android")
        self.assertContains(r, "Safari on Mac OS X")
        self.assertNotContains(r, "Mozilla/5.0")
        self.assertContains(r, "active just now", count=1)
        self.assertContains(r, "active 1\xa0hour ago")
        self.assertContains(r, "This one", count=1)
        # One "Sign out" button for the phone, plus the one in the footer.
        self.assertContains(r, f"/account/sessions/{phone_device.code}/end/")
        bob_device = DeviceSession.objects.get(user=self.bob)
        self.assertNotContains(r, str(bob_device.code))

    def test_it_saves_the_profile(self) -> None:
        self.sign_in(self.alice)
        r = self.client.post(
            "/account/",
            {"display_name": "  Alice   B. ", "time_zone": "Asia/Tokyo", "language": "en"},
        )
        self.assertRedirects(r, "/account/")
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.display_name, "Alice B.")
        self.assertEqual(self.alice.time_zone, "Asia/Tokyo")

    def test_it_refuses_bad_profile_input(self) -> None:
        self.sign_in(self.alice)
        r = self.client.post(
            "/account/",
            {"display_name": "x" * 61, "time_zone": "Nowhere/Land", "language": "xx"},
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "this takes up to 60 characters")
        self.assertContains(r, "isn&#x27;t a time zone we know")
        self.assertContains(r, "Please choose one of the options.")
        r = self.client.post("/account/", {})
        self.assertContains(r, "Please fill this in.")
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.display_name, "Alice")
        self.assertEqual(self.alice.time_zone, "Europe/London")

    def test_it_escapes_the_name(self) -> None:
        self.sign_in(self.alice)
        self.client.post(
            "/account/",
            {"display_name": "<img src=x onerror=alert(1)>", "time_zone": "UTC", "language": "en"},
        )
        r = self.client.get("/account/")
        self.assertNotContains(r, "<img src=x")
        self.assertContains(r, "&lt;img src=x onerror=alert(1)&gt;")

    def test_it_escapes_the_user_agent(self) -> None:
        Client(HTTP_USER_AGENT="<script>x</script>").post(
            "/sign-in/", {"email": "alice@example.org", "password": PASSWORD}
        )
        self.sign_in(self.alice)
        r = self.client.get("/account/")
        self.assertNotContains(r, "<script>x</script>")
