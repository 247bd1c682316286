from __future__ import annotations

from django.test import Client

from nearer.accounts.models import DeviceSession
from nearer.testing import PASSWORD, BaseTestCase, sign_in


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
        phone = Client(HTTP_USER_AGENT="Phone browser")
        phone.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
        laptop = Client(HTTP_USER_AGENT="Laptop browser")
        laptop.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
        sign_in(Client(), self.bob)

        r = laptop.get("/account/")
        self.assertContains(r, "Phone browser")
        self.assertContains(r, "Laptop browser")
        self.assertContains(r, "This one", count=1)
        # One "Sign out" button for the phone, plus the one in the footer.
        phone_device = DeviceSession.objects.get(user=self.alice, user_agent="Phone browser")
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
