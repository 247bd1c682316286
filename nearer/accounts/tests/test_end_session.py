from __future__ import annotations

import uuid

from django.contrib.sessions.models import Session
from django.test import Client

from nearer.accounts.models import DeviceSession
from nearer.testing import BaseTestCase, sign_in


class EndSessionTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.phone = Client()
        sign_in(self.phone, self.alice)
        self.phone_device = DeviceSession.objects.get(session_key=self.phone.session.session_key)
        self.url = f"/account/sessions/{self.phone_device.code}/end/"

    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        r = self.client.post(self.url)
        self.assertRedirects(r, "/account/")
        self.assertFalse(Session.objects.filter(session_key=self.phone_device.session_key))
        self.assertFalse(DeviceSession.objects.filter(pk=self.phone_device.pk).exists())
        r = self.phone.get("/account/")
        self.assertRedirects(r, "/sign-in/?next=/account/", fetch_redirect_response=False)
        # The laptop is still signed in.
        self.assertEqual(self.client.get("/account/").status_code, 200)

    def test_it_requires_login(self) -> None:
        r = self.client.post(self.url)
        self.assertRedirects(r, f"/sign-in/?next={self.url}", fetch_redirect_response=False)
        self.assertTrue(DeviceSession.objects.filter(pk=self.phone_device.pk).exists())

    def test_partner_cannot_see_it(self) -> None:
        self.sign_in(self.bob)
        r = self.client.post(self.url)
        self.assertEqual(r.status_code, 404)
        self.assertEqual(self.phone.get("/account/").status_code, 200)

    def test_it_hides_from_other_couples(self) -> None:
        self.sign_in(self.charlie)
        r = self.client.post(self.url)
        self.assertEqual(r.status_code, 404)
        self.assertEqual(self.phone.get("/account/").status_code, 200)

    def test_unknown_code_is_404(self) -> None:
        self.sign_in(self.alice)
        self.assertEqual(
            self.client.post(f"/account/sessions/{uuid.uuid4()}/end/").status_code, 404
        )
        self.assertEqual(self.client.post("/account/sessions/not-a-uuid/end/").status_code, 404)

    def test_get_is_not_allowed(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 405)
        self.assertTrue(DeviceSession.objects.filter(pk=self.phone_device.pk).exists())

    def test_ending_this_session_here_does_nothing(self) -> None:
        # Signing out of this browser is the sign-out button's job.
        r = self.phone.post(self.url)
        self.assertRedirects(r, "/account/")
        self.assertEqual(self.phone.get("/account/").status_code, 200)
