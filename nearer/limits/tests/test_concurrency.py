"""Real races on PostgreSQL: many wrong passwords for one account at the same instant.

SQLite serialises writers, so these only mean something on PostgreSQL; run with
DATABASE_URL=postgres://... pytest -m postgres.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client

from nearer.accounts.views.auth import ACCOUNT_FAILURES, FAILURE_WINDOW
from nearer.limits import counters
from nearer.limits.models import RateCounter
from nearer.testing import make_user, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
TRIES = 40


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real concurrency (set DATABASE_URL)")


def test_parallel_hits_let_exactly_the_limit_through() -> None:
    for attempt in range(3):
        RateCounter.objects.all().delete()

        def task() -> bool:
            return counters.hit(
                "signin-account", "ann@example.org", limit=ACCOUNT_FAILURES, window=FAILURE_WINDOW
            )

        results = race(*[task] * TRIES)

        assert all(isinstance(r, bool) for r in results), results  # no database errors
        assert results.count(True) == ACCOUNT_FAILURES, (attempt, results)
        assert RateCounter.objects.get().hits == ACCOUNT_FAILURES


def test_parallel_wrong_passwords_are_checked_at_most_the_limit() -> None:
    make_user("Ann")

    def guess(i: int) -> Callable[[], int]:
        def task() -> int:
            data = {"email": "ann@example.org", "password": f"guess {i}"}
            # Each from its own address: only the account's limit applies.
            r = Client().post("/sign-in/", data, REMOTE_ADDR=f"198.51.100.{i + 1}")
            return r.status_code

        return task

    results = race(*[guess(i) for i in range(TRIES)])

    assert set(results) <= {200, 429}, results
    assert results.count(200) <= ACCOUNT_FAILURES, results
    assert results.count(429) >= TRIES - ACCOUNT_FAILURES, results
