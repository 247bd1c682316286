"""Real races on PostgreSQL: two sign-ups for one address at the same instant."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from nearer.accounts.models import User
from nearer.accounts.services import account_sign_up
from nearer.outbox.models import OutboxMessage

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real concurrency (set DATABASE_URL)")


def test_two_sign_ups_for_one_address_make_one_account() -> None:
    barrier = threading.Barrier(2)
    results: list[Any] = [None, None]

    def sign_up(index: int, email: str) -> None:
        try:
            barrier.wait()
            results[index] = account_sign_up(
                email=email,
                password="a quiet walk by the river",
                display_name=f"Frank {index}",
                time_zone="UTC",
                language="en",
            )
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    for attempt in range(5):
        User.objects.all().delete()
        OutboxMessage.objects.all().delete()
        threads = [
            threading.Thread(target=sign_up, args=(0, f"frank{attempt}@example.org")),
            threading.Thread(target=sign_up, args=(1, f"FRANK{attempt}@example.org")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

        assert not any(isinstance(r, Exception) for r in results), results
        assert sum(isinstance(r, User) for r in results) == 1, results
        assert User.objects.filter(email__iexact=f"frank{attempt}@example.org").count() == 1
        # One confirmation, one "you already have an account": both land in one inbox.
        assert OutboxMessage.objects.filter(to__iexact=f"frank{attempt}@example.org").count() == 2
