from __future__ import annotations

import logging

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from nearer.outbox.backends import LogDeliveryBackend
from nearer.outbox.models import OutboxMessage
from nearer.testing import BaseTestCase, sign_up_frank


class OutboxBackendTestCase(BaseTestCase):
    def test_sign_up_mail_waits_for_the_worker(self) -> None:
        sign_up_frank(self.client)
        # Written to the outbox table; nothing delivered by the web process.
        self.assertEqual(OutboxMessage.objects.filter(to="frank@example.org").count(), 1)
        self.assertEqual(mail.outbox, [])

    def test_one_row_per_recipient_with_both_parts(self) -> None:
        message = EmailMultiAlternatives(
            "Hello", "plain text", "from@example.org", ["a@example.org", "b@example.org"]
        )
        message.attach_alternative("<p>html</p>", "text/html")
        message.send()
        rows = OutboxMessage.objects.order_by("to")
        self.assertEqual([r.to for r in rows], ["a@example.org", "b@example.org"])
        self.assertEqual(rows[0].body_html, "<p>html</p>")
        self.assertEqual(rows[0].body_text, "plain text")

    def test_long_subjects_are_cut_not_refused(self) -> None:
        EmailMultiAlternatives("s" * 500, "body", "f@example.org", ["a@example.org"]).send()
        self.assertEqual(len(OutboxMessage.objects.get().subject), 200)

    def test_a_rolled_back_request_sends_nothing(self) -> None:
        try:
            with transaction.atomic():
                EmailMultiAlternatives("Hi", "body", "f@example.org", ["a@example.org"]).send()
                raise RuntimeError("the request failed")
        except RuntimeError:
            pass
        self.assertFalse(OutboxMessage.objects.exists())


class LogDeliveryBackendTestCase(BaseTestCase):
    def test_it_writes_the_mail_to_the_log(self) -> None:
        message = EmailMultiAlternatives("Subject", "the link /confirm/x/", "f@x.org", ["a@x.org"])
        with self.assertLogs("nearer.mail", logging.INFO) as logs:
            self.assertEqual(LogDeliveryBackend().send_messages([message]), 1)
        self.assertIn("/confirm/x/", logs.output[0])
        self.assertIn("a@x.org", logs.output[0])
