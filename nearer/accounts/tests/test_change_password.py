from __future__ import annotations

from datetime import timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from nearer.accounts.models import DeviceSession
from nearer.testing import PASSWORD, BaseTestCase, sign_in

NEW = "a brand new long passphrase"


class ChangePasswordTestCase(BaseTestCase):
    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/account/password/")
        self.assertContains(r, "Change password")

        r = self.client.post("/account/password/", {"new_password1": NEW, "new_password2": NEW})
        self.assertRedirects(r, "/account/")
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password(NEW))

    def test_it_requires_login(self) -> None:
        r = self.client.get("/account/password/")
        self.assertRedirects(r, "/sign-in/?next=/account/password/", fetch_redirect_response=False)

    def test_it_ends_other_sessions_and_keeps_this_one(self) -> None:
        phone = Client()
        sign_in(phone, self.alice)
        phone_key = phone.session.session_key
        bob = Client()
        sign_in(bob, self.bob)
        self.client.post("/sign-in/", {"email": "alice@example.org", "password": PASSWORD})

        self.client.post("/account/password/", {"new_password1": NEW, "new_password2": NEW})

        self.assertFalse(Session.objects.filter(session_key=phone_key).exists())
        r = phone.get("/account/")
        self.assertRedirects(r, "/sign-in/?next=/account/", fetch_redirect_response=False)
        # This browser stays signed in, and is still listed as a session.
        r = self.client.get("/account/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "This one")
        self.assertEqual(
            list(
                DeviceSession.objects.filter(user=self.alice).values_list("session_key", flat=True)
            ),
            [self.client.session.session_key],
        )
        # Bob is untouched.
        self.assertEqual(bob.get("/account/").status_code, 200)

    def test_it_requires_recent_password(self) -> None:
        self.sign_in(self.alice)
        with time_machine.travel(timezone.now() + timedelta(minutes=11), tick=False):
            r = self.client.post("/account/password/", {"new_password1": NEW, "new_password2": NEW})
        self.assertRedirects(
            r,
            "/account/confirm-password/?next=%2Faccount%2Fpassword%2F",
            fetch_redirect_response=False,
        )
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password(PASSWORD))

    def test_weak_or_mismatched_passwords_are_refused(self) -> None:
        self.sign_in(self.alice)
        cases = [
            ({"new_password1": "short", "new_password2": "short"}, "too short"),
            ({"new_password1": "iloveyou", "new_password2": "iloveyou"}, "too common"),
            ({"new_password1": NEW, "new_password2": NEW + "x"}, "didn’t match"),
            ({}, "Please fill this in."),
        ]
        for data, message in cases:
            r = self.client.post("/account/password/", data)
            self.assertContains(r, message, msg_prefix=str(data))
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password(PASSWORD))
