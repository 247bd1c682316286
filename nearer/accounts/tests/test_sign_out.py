from __future__ import annotations

from django.contrib.sessions.models import Session

from nearer.accounts.models import DeviceSession
from nearer.testing import BaseTestCase


class SignOutTestCase(BaseTestCase):
    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        key = self.client.session.session_key
        cookie = self.client.cookies["sessionid"].value

        r = self.client.post("/sign-out/")
        self.assertRedirects(r, "/sign-in/", fetch_redirect_response=False)
        self.assertEqual(r["Clear-Site-Data"], '"cache", "cookies", "storage"')
        self.assertFalse(Session.objects.filter(session_key=key).exists())
        self.assertFalse(DeviceSession.objects.filter(session_key=key).exists())

        # Someone who kept a copy of the old cookie gets nothing with it.
        self.client.cookies["sessionid"] = cookie
        r = self.client.get("/account/")
        self.assertRedirects(r, "/sign-in/?next=/account/", fetch_redirect_response=False)

    def test_get_is_not_allowed(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/sign-out/")
        self.assertEqual(r.status_code, 405)
        r = self.client.get("/account/")
        self.assertEqual(r.status_code, 200)

    def test_anonymous_sign_out_is_harmless(self) -> None:
        r = self.client.post("/sign-out/")
        self.assertRedirects(r, "/sign-in/", fetch_redirect_response=False)

    def test_other_sessions_stay(self) -> None:
        other = self.client_class()
        from nearer.testing import sign_in

        sign_in(other, self.alice)
        self.sign_in(self.alice)
        self.client.post("/sign-out/")
        self.assertEqual(other.get("/account/").status_code, 200)
