from __future__ import annotations

from datetime import timedelta

import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import override_settings
from django.utils import timezone

from nearer.outbox.compose import send_templated
from nearer.outbox.delivery import deliver_one
from nearer.outbox.models import MAX_ATTEMPTS, OutboxMessage
from nearer.testing import BaseTestCase

BROKEN = "nearer.outbox.tests.failing_backend.FailingBackend"


class DeliveryTestCase(BaseTestCase):
    def queue(self) -> OutboxMessage:
        send_templated("alice@example.org", "email-changed", {"user": self.alice})
        return OutboxMessage.objects.get()

    def test_it_delivers_once_and_marks_sent(self) -> None:
        message = self.queue()
        self.assertEqual(mail.outbox, [])

        self.assertTrue(deliver_one())
        (sent,) = mail.outbox
        self.assertEqual(sent.to, ["alice@example.org"])
        self.assertEqual(sent.subject, "Your Nearer e-mail was changed")
        self.assertIn("was just changed", sent.body)
        assert isinstance(sent, EmailMultiAlternatives)
        self.assertEqual(sent.alternatives[0][1], "text/html")
        message.refresh_from_db()
        self.assertIsNotNone(message.sent_at)
        self.assertIsNone(message.claimed_until)
        self.assertEqual(message.attempts, 1)

        # Nothing more to do, and nothing is sent twice.
        self.assertFalse(deliver_one())
        self.assertEqual(len(mail.outbox), 1)

    def test_nothing_due_returns_false(self) -> None:
        self.assertFalse(deliver_one())

    def test_a_message_claimed_by_another_worker_is_skipped(self) -> None:
        message = self.queue()
        OutboxMessage.objects.filter(pk=message.pk).update(
            claimed_until=timezone.now() + timedelta(seconds=60)
        )
        self.assertFalse(deliver_one())
        self.assertEqual(mail.outbox, [])

    def test_a_message_of_a_killed_worker_is_picked_up_again(self) -> None:
        message = self.queue()
        # A worker claimed it, then died before sending: its claim ran out.
        OutboxMessage.objects.filter(pk=message.pk).update(
            claimed_until=timezone.now() - timedelta(seconds=1), attempts=1
        )
        self.assertTrue(deliver_one())
        self.assertEqual(len(mail.outbox), 1)
        message.refresh_from_db()
        self.assertIsNotNone(message.sent_at)
        self.assertEqual(message.attempts, 2)

    def test_a_message_not_yet_due_waits(self) -> None:
        message = self.queue()
        OutboxMessage.objects.filter(pk=message.pk).update(
            next_attempt_at=timezone.now() + timedelta(minutes=5)
        )
        self.assertFalse(deliver_one())

    def test_sent_messages_are_never_sent_again(self) -> None:
        message = self.queue()
        OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now())
        self.assertFalse(deliver_one())
        self.assertEqual(mail.outbox, [])

    @override_settings(OUTBOX_DELIVERY_BACKEND=BROKEN)
    def test_a_failure_is_retried_later_with_backoff(self) -> None:
        message = self.queue()
        start = timezone.now()
        with time_machine.travel(start, tick=False) as clock:
            self.assertTrue(deliver_one())
            message.refresh_from_db()
            self.assertIsNone(message.sent_at)
            self.assertIsNone(message.failed_at)
            self.assertIsNone(message.claimed_until)
            self.assertEqual(message.attempts, 1)
            self.assertIn("mail server said no", message.last_error)
            first_wait = message.next_attempt_at - start
            self.assertGreater(first_wait, timedelta(0))
            # Not retried before its time.
            self.assertFalse(deliver_one())

            clock.move_to(message.next_attempt_at + timedelta(seconds=1))
            self.assertTrue(deliver_one())
            message.refresh_from_db()
            self.assertEqual(message.attempts, 2)
            second_wait = message.next_attempt_at - timezone.now()
            self.assertGreater(second_wait, first_wait)

    def test_it_gives_up_after_max_attempts(self) -> None:
        message = self.queue()
        with override_settings(OUTBOX_DELIVERY_BACKEND=BROKEN):
            for attempt in range(1, MAX_ATTEMPTS + 1):
                with time_machine.travel(timezone.now() + timedelta(days=attempt), tick=False):
                    self.assertTrue(deliver_one(), attempt)
            message.refresh_from_db()
            self.assertEqual(message.attempts, MAX_ATTEMPTS)
            self.assertIsNotNone(message.failed_at)
            with time_machine.travel(timezone.now() + timedelta(days=30), tick=False):
                self.assertFalse(deliver_one())
        self.assertIsNone(message.sent_at)

    def test_a_failure_then_success_delivers_once(self) -> None:
        message = self.queue()
        with override_settings(OUTBOX_DELIVERY_BACKEND=BROKEN):
            deliver_one()
        with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
            self.assertTrue(deliver_one())
            self.assertFalse(deliver_one())
        self.assertEqual(len(mail.outbox), 1)
        message.refresh_from_db()
        self.assertEqual(message.last_error, "")

    def test_oldest_due_message_goes_first(self) -> None:
        send_templated("alice@example.org", "email-changed", {"user": self.alice})
        send_templated("bob@example.org", "email-changed", {"user": self.bob})
        deliver_one()
        self.assertEqual(mail.outbox[0].to, ["alice@example.org"])
