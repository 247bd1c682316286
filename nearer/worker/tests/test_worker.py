from __future__ import annotations

import os
import signal
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from nearer.outbox.compose import send_templated
from nearer.outbox.models import OutboxMessage
from nearer.testing import BaseTestCase, link_in, sign_up_frank

ROOT = Path(__file__).resolve().parents[3]


class WorkerTestCase(BaseTestCase):
    def test_it_drains_everything_without_loop(self) -> None:
        for person in (self.alice, self.bob, self.charlie):
            send_templated(person.email, "email-changed", {"user": person})

        call_command("worker", stdout=StringIO())

        self.assertEqual(len(mail.outbox), 3)
        self.assertEqual(OutboxMessage.objects.filter(sent_at__isnull=True).count(), 0)
        # Running it again sends nothing twice.
        call_command("worker", stdout=StringIO())
        self.assertEqual(len(mail.outbox), 3)

    def test_it_stops_when_only_failures_remain(self) -> None:
        send_templated("alice@example.org", "email-changed", {"user": self.alice})
        with override_settings(
            OUTBOX_DELIVERY_BACKEND="nearer.outbox.tests.failing_backend.FailingBackend"
        ):
            call_command("worker", stdout=StringIO())
        message = OutboxMessage.objects.get()
        self.assertEqual(message.attempts, 1)
        self.assertIsNone(message.sent_at)

    def test_sign_up_mail_goes_out_only_with_the_worker(self) -> None:
        sign_up_frank(self.client)
        self.assertEqual(mail.outbox, [])
        call_command("worker", stdout=StringIO())
        (sent,) = mail.outbox
        self.assertEqual(sent.to, ["frank@example.org"])
        self.assertEqual(self.client.get(link_in(str(sent.body), "/confirm/")).status_code, 302)


@pytest.mark.django_db
def test_smtp_delivery_to_a_local_sink(settings: Any, smtp_sink: Any, client: Any) -> None:
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_sink.host
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    sign_up_frank(client)
    assert smtp_sink.messages == []

    call_command("worker", stdout=StringIO())

    (received,) = smtp_sink.messages
    assert received["To"] == "frank@example.org"
    assert received["Subject"] == "Confirm your e-mail for Nearer"
    text = next(p for p in received.walk() if p.get_content_type() == "text/plain")
    body = text.get_payload(decode=True).decode()
    link = link_in(body, "/confirm/")
    assert client.get(link).status_code == 302
    assert OutboxMessage.objects.get().sent_at is not None


@pytest.mark.django_db
def test_smtp_server_down_keeps_the_mail(settings: Any) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port
    send_templated("a@example.org", "email-changed", {"user": {"display_name": "A"}})

    call_command("worker", stdout=StringIO())

    message = OutboxMessage.objects.get()
    assert message.sent_at is None
    assert message.failed_at is None
    assert message.attempts == 1
    assert message.last_error


def test_loop_stops_on_sigterm(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "NEARER_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "nearer.settings",
    }
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--loop", "--interval", "0.05"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None
    assert worker.stdout.readline().strip() == "Nearer worker started."
    worker.send_signal(signal.SIGTERM)
    out, _ = worker.communicate(timeout=20)
    assert worker.returncode == 0
    assert "Nearer worker stopped." in out
