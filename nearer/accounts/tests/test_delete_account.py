from __future__ import annotations

from datetime import timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from nearer.accounts.models import DeviceSession, User
from nearer.couples.models import Couple, Membership
from nearer.couples.pairing import pairing_for
from nearer.outbox.compose import send_templated
from nearer.outbox.models import OutboxMessage
from nearer.testing import BaseTestCase, sign_in


class DeleteAccountTestCase(BaseTestCase):
    def test_it_works(self) -> None:
        phone = Client()
        sign_in(phone, self.alice)
        phone_key = phone.session.session_key
        bob_client = Client()
        sign_in(bob_client, self.bob)
        send_templated("alice@example.org", "email-changed", {"user": self.alice})
        send_templated("bob@example.org", "email-changed", {"user": self.bob})
        self.sign_in(self.alice)

        r = self.client.get("/account/delete/")
        self.assertContains(r, "Delete my account")

        r = self.client.post("/account/delete/", {"confirm": "delete"})
        self.assertContains(r, "Your account is deleted")
        self.assertEqual(r["Clear-Site-Data"], '"cache", "cookies", "storage"')

        self.assertFalse(User.objects.filter(pk=self.alice.pk).exists())
        self.assertFalse(DeviceSession.objects.filter(user_id=self.alice.pk).exists())
        self.assertFalse(Session.objects.filter(session_key=phone_key).exists())
        self.assertEqual(phone.get("/account/").status_code, 302)
        self.assertEqual(self.client.get("/account/").status_code, 302)
        self.assertFalse(OutboxMessage.objects.filter(to="alice@example.org").exists())
        self.assertTrue(OutboxMessage.objects.filter(to="bob@example.org").exists())

        # Bob keeps his account and is simply unpaired.
        self.bob.refresh_from_db()
        self.assertIsNone(pairing_for(self.bob))
        self.assertIsNotNone(Couple.objects.get(pk=self.couple.pk).ended_at)
        self.assertEqual(bob_client.get("/account/").status_code, 200)
        self.assertFalse(Membership.objects.filter(user_id=self.alice.pk).exists())
        # The other couple is untouched.
        self.assertIsNotNone(pairing_for(self.charlie))

    def test_bob_can_pair_again_afterwards(self) -> None:
        self.sign_in(self.alice)
        self.client.post("/account/delete/", {"confirm": "DELETE"})
        sign_in(self.client, self.bob)
        self.client.post("/pair/invite/")
        self.assertTrue(self.bob.invites.exists())

    def test_it_requires_login(self) -> None:
        r = self.client.get("/account/delete/")
        self.assertRedirects(r, "/sign-in/?next=/account/delete/", fetch_redirect_response=False)
        r = self.client.post("/account/delete/", {"confirm": "DELETE"})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(User.objects.count(), 5)

    def test_it_requires_the_word(self) -> None:
        self.sign_in(self.alice)
        for data in ({}, {"confirm": ""}, {"confirm": "yes"}, {"confirm": "DELETE" * 5}):
            r = self.client.post("/account/delete/", data)
            self.assertEqual(r.status_code, 200)
            self.assertContains(r, "field-invalid")
        self.assertTrue(User.objects.filter(pk=self.alice.pk).exists())

    def test_it_requires_recent_password(self) -> None:
        self.sign_in(self.alice)
        with time_machine.travel(timezone.now() + timedelta(minutes=11), tick=False):
            r = self.client.post("/account/delete/", {"confirm": "DELETE"})
        self.assertRedirects(
            r,
            "/account/confirm-password/?next=%2Faccount%2Fdelete%2F",
            fetch_redirect_response=False,
        )
        self.assertTrue(User.objects.filter(pk=self.alice.pk).exists())

    def test_unpaired_person_can_delete(self) -> None:
        self.sign_in(self.eve)
        r = self.client.post("/account/delete/", {"confirm": "DELETE"})
        self.assertEqual(r.status_code, 200)
        self.assertFalse(User.objects.filter(pk=self.eve.pk).exists())
