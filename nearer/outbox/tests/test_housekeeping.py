"""The worker deletes sent e-mails once OUTBOX_SENT_RETENTION_DAYS have passed."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.test import TestCase, override_settings
from django.utils import timezone

from nearer.outbox import housekeeping
from nearer.outbox.models import OutboxMessage
from nearer.worker.jobs import CORE_JOBS


def message(to: str, **fields: object) -> OutboxMessage:
    return OutboxMessage.objects.create(
        to=to, from_email="hello@nearer.test", subject="Hi", body_text="Hi", **fields
    )


class PruneSentTestCase(TestCase):
    def setUp(self) -> None:
        housekeeping.prune_sent.wake()
        self.addCleanup(housekeeping.prune_sent.wake)

    def test_sent_rows_past_the_retention_go_newer_and_unsent_stay(self) -> None:
        self.assertEqual(settings.OUTBOX_SENT_RETENTION_DAYS, 7)
        now = timezone.now()
        message("old@example.org", sent_at=now - timedelta(days=7, minutes=1))
        message("gave-up@example.org", failed_at=now - timedelta(days=8))
        message("recent@example.org", sent_at=now - timedelta(days=6, hours=23))
        message("recently-gave-up@example.org", failed_at=now - timedelta(days=1))
        message("waiting@example.org", created_at=now - timedelta(days=30))

        self.assertTrue(housekeeping.prune_sent())

        kept = set(OutboxMessage.objects.values_list("to", flat=True))
        self.assertEqual(
            kept, {"recent@example.org", "recently-gave-up@example.org", "waiting@example.org"}
        )
        self.assertFalse(housekeeping.prune_sent())  # nothing left to do: it rests

    @override_settings(OUTBOX_SENT_RETENTION_DAYS=1)
    def test_the_retention_is_a_setting(self) -> None:
        message("two-days@example.org", sent_at=timezone.now() - timedelta(days=2))
        self.assertTrue(housekeeping.prune_sent())
        self.assertFalse(OutboxMessage.objects.exists())

    def test_it_rests_an_hour_once_nothing_is_left(self) -> None:
        self.assertFalse(housekeeping.prune_sent())
        message("old@example.org", sent_at=timezone.now() - timedelta(days=8))
        self.assertFalse(housekeeping.prune_sent())  # not due yet
        housekeeping.prune_sent.wake()
        self.assertTrue(housekeeping.prune_sent())

    def test_the_worker_runs_it(self) -> None:
        self.assertIn(housekeeping.prune_sent, CORE_JOBS)
