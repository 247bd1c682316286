"""Several workers side by side on PostgreSQL: each e-mail goes out exactly once."""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from nearer.outbox.compose import send_templated
from nearer.outbox.delivery import deliver_one
from nearer.outbox.models import OutboxMessage

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real concurrency (set DATABASE_URL)")


def test_parallel_workers_send_each_message_once() -> None:
    for i in range(20):
        send_templated(f"person{i}@example.org", "email-changed", {"user": {"display_name": "P"}})
    barrier = threading.Barrier(4)
    errors: list[Exception] = []

    def worker() -> None:
        try:
            barrier.wait()
            while deliver_one():
                pass
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(f"person{i}@example.org" for i in range(20))
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
