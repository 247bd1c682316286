"""Real races on PostgreSQL: both partners pressing "save" at the same instant.

SQLite serialises writers, so these only mean something on PostgreSQL; run with
DATABASE_URL=postgres://postgres@127.0.0.1:5432/nearer pytest -m postgres nearer/questions
"""

from __future__ import annotations

import contextlib
import threading
import unittest
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TransactionTestCase

from nearer.accounts.models import User
from nearer.couples.models import Couple
from nearer.couples.pairing import pairing_for
from nearer.questions import services
from nearer.questions.models import Answer, DailyQuestion
from nearer.testing import make_couple, make_user, race


def answer(daily_pk: int, user_pk: int, text: str) -> Callable[[], tuple[Answer, bool]]:
    def task() -> tuple[Answer, bool]:
        user = User.objects.get(pk=user_pk)
        daily = DailyQuestion.objects.get(pk=daily_pk)
        return services.answer_save(daily=daily, user=user, text=text)

    return task


def arrive(user_pk: int) -> Callable[[], DailyQuestion]:
    def task() -> DailyQuestion:
        user = User.objects.get(pk=user_pk)
        return services.daily_get_or_create(user=user, pairing=pairing_for(user))

    return task


@pytest.mark.postgres
@unittest.skipUnless(
    connection.vendor == "postgresql",
    "needs PostgreSQL for real concurrency (set DATABASE_URL=postgres://...)",
)
class ConcurrentAnswersTestCase(TransactionTestCase):
    def setUp(self) -> None:
        call_command("load_content", verbosity=0)

    def couple(self, n: int) -> tuple[User, User, Couple]:
        alice = make_user(f"Alice{n}", "Europe/London")
        bob = make_user(f"Bob{n}", "America/New_York")
        return alice, bob, make_couple(alice, bob)

    def test_both_answer_in_the_same_instant(self) -> None:
        real_today_for = services.today_for
        for n in range(4):
            alice, bob, couple = self.couple(n)
            daily = services.daily_get_or_create(user=alice, pairing=pairing_for(alice))
            # Widen the window: each save, once inside, waits (briefly) for the other to
            # get inside too. With the day locked the other can't, and the wait times
            # out; without a lock both would insert, each count one answer, and the
            # reveal would never happen.
            inside = threading.Barrier(2, timeout=0.5)

            def meet(*args: Any, _inside: threading.Barrier = inside, **kwargs: Any) -> Any:
                with contextlib.suppress(threading.BrokenBarrierError):
                    _inside.wait()
                return real_today_for(*args, **kwargs)

            with mock.patch.object(services, "today_for", meet):
                results = race(
                    answer(daily.pk, alice.pk, f"Alice {n}"),
                    answer(daily.pk, bob.pk, f"Bob {n}"),
                )

            errors = [r for r in results if isinstance(r, Exception)]
            self.assertEqual(errors, [])
            # Both saved; exactly one of the two saves did the reveal.
            self.assertEqual(sorted(revealed for _a, revealed in results), [False, True])
            daily.refresh_from_db()
            self.assertIsNotNone(daily.revealed_at)
            answers = Answer.objects.filter(daily=daily)
            self.assertEqual(
                {(a.author_id, a.text) for a in answers},
                {(alice.pk, f"Alice {n}"), (bob.pk, f"Bob {n}")},
            )
            self.assertEqual({a.revealed_at for a in answers}, {daily.revealed_at})
            self.assertTrue(all(a.couple_id == couple.pk for a in answers))

    def test_a_double_submit_in_the_same_instant_saves_once(self) -> None:
        alice, _bob, _couple = self.couple(0)
        daily = services.daily_get_or_create(user=alice, pairing=pairing_for(alice))
        results = race(*(answer(daily.pk, alice.pk, "Same words") for _ in range(4)))
        self.assertEqual([r for r in results if isinstance(r, Exception)], [])
        self.assertEqual(Answer.objects.filter(daily=daily).count(), 1)
        daily.refresh_from_db()
        self.assertIsNone(daily.revealed_at)

    def test_both_arrive_in_the_same_instant(self) -> None:
        for n in range(8):
            alice, bob, couple = self.couple(n)
            results = race(arrive(alice.pk), arrive(bob.pk))
            self.assertEqual([r for r in results if isinstance(r, Exception)], [])
            self.assertEqual(results[0].pk, results[1].pk)
            self.assertEqual(DailyQuestion.objects.filter(couple=couple).count(), 1)
