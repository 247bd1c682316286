"""The worker deletes ended sign-ins: expired sessions and their device rows."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nearer.accounts import housekeeping
from nearer.accounts.models import DeviceSession
from nearer.testing import BaseTestCase, sign_in


class PruneSessionsTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        housekeeping.prune_sessions.wake()
        self.addCleanup(housekeeping.prune_sessions.wake)

    def test_expired_sessions_and_their_devices_go_live_ones_stay(self) -> None:
        self.sign_in(self.alice)
        live_key = self.client.session.session_key
        old = Client()
        sign_in(old, self.bob)
        old_key = old.session.session_key
        Session.objects.filter(session_key=old_key).update(
            expire_date=timezone.now() - timedelta(minutes=1)
        )
        DeviceSession.objects.create(user=self.eve, session_key="gone-long-ago", user_agent="x")

        call_command("worker")

        self.assertTrue(Session.objects.filter(session_key=live_key).exists())
        self.assertTrue(DeviceSession.objects.filter(session_key=live_key).exists())
        self.assertFalse(Session.objects.filter(session_key=old_key).exists())
        self.assertFalse(DeviceSession.objects.filter(session_key=old_key).exists())
        self.assertFalse(DeviceSession.objects.filter(session_key="gone-long-ago").exists())
        # Alice is still signed in.
        self.assertContains(self.client.get(reverse("accounts:account")), "alice@")

    def test_it_waits_an_hour_once_nothing_is_left(self) -> None:
        self.assertFalse(housekeeping.prune_sessions())
        DeviceSession.objects.create(user=self.eve, session_key="orphan", user_agent="x")
        self.assertFalse(housekeeping.prune_sessions())  # not due yet
        housekeeping.prune_sessions.wake()
        self.assertTrue(housekeeping.prune_sessions())
        self.assertFalse(DeviceSession.objects.filter(session_key="orphan").exists())
