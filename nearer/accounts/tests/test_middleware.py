from __future__ import annotations

from datetime import timedelta

import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from nearer.accounts.models import DeviceSession
from nearer.testing import PASSWORD, BaseTestCase


class SessionLifetimeTestCase(BaseTestCase):
    def sign_in_for_real(self) -> str:
        self.client.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})
        return str(self.client.session.session_key)

    def test_an_active_session_rolls_on(self) -> None:
        start = timezone.now()
        with time_machine.travel(start, tick=False) as clock:
            self.sign_in_for_real()
            for _ in range(3):
                clock.shift(timedelta(days=9))
                self.assertEqual(self.client.get("/account/").status_code, 200)

    def test_absolute_lifetime_ends_even_an_active_session(self) -> None:
        start = timezone.now()
        with time_machine.travel(start, tick=False) as clock:
            key = self.sign_in_for_real()
            # Visit every nine days: the idle lifetime never runs out...
            for _ in range(3):
                clock.shift(timedelta(days=9))
                self.assertEqual(self.client.get("/account/").status_code, 200)
            # ...but past the absolute lifetime, the sign-in ends.
            clock.move_to(start + timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS + 60))
            r = self.client.get("/account/")
        self.assertRedirects(r, "/sign-in/", fetch_redirect_response=False)
        self.assertFalse(Session.objects.filter(session_key=key).exists())
        self.assertFalse(DeviceSession.objects.filter(session_key=key).exists())
        r = self.client.get("/sign-in/")
        self.assertContains(r, "For your privacy, please sign in again.")
        self.assertEqual(self.client.get("/account/").status_code, 302)

    def test_idle_lifetime_ends_a_forgotten_session(self) -> None:
        start = timezone.now()
        with time_machine.travel(start, tick=False) as clock:
            self.sign_in_for_real()
            clock.shift(timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
            r = self.client.get("/account/")
        self.assertRedirects(r, "/sign-in/?next=/account/", fetch_redirect_response=False)

    def test_last_seen_is_recorded_now_and_then(self) -> None:
        start = timezone.now()
        with time_machine.travel(start, tick=False) as clock:
            key = self.sign_in_for_real()
            clock.shift(timedelta(hours=2))
            self.client.get("/account/")
        device = DeviceSession.objects.get(session_key=key)
        self.assertGreaterEqual(device.last_seen_at, start + timedelta(hours=2))


class UserLanguageTestCase(BaseTestCase):
    def test_page_is_in_the_persons_language(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/account/", HTTP_ACCEPT_LANGUAGE="de")
        self.assertContains(r, '<html lang="en">')
