"""Real races on PostgreSQL: one reply form sent twenty times at once, and one answer
saved from two tabs at once.

SQLite serialises writers, so these only mean something on PostgreSQL; run with
DATABASE_URL=postgres://postgres@127.0.0.1:5432/nearer pytest -m postgres nearer/questions
"""

from __future__ import annotations

import unittest
import uuid
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, TransactionTestCase

from nearer.accounts.models import User
from nearer.couples.pairing import pairing_for
from nearer.entries.edits import StaleEdit
from nearer.questions import services
from nearer.questions.models import Answer, DailyQuestion, Reply
from nearer.testing import make_couple, make_user, race, sign_in

SENDS = 20


def post(client: Client, url: str, data: dict[str, str]) -> Callable[[], int]:
    def task() -> int:
        return client.post(url, data).status_code

    return task


def edit(daily_pk: int, user_pk: int, text: str, based_on: int) -> Callable[[], object]:
    def task() -> object:
        user = User.objects.get(pk=user_pk)
        daily = DailyQuestion.objects.get(pk=daily_pk)
        return services.answer_save(daily=daily, user=user, text=text, based_on=based_on)

    return task


@pytest.mark.postgres
@unittest.skipUnless(
    connection.vendor == "postgresql",
    "needs PostgreSQL for real concurrency (set DATABASE_URL=postgres://...)",
)
class ConcurrentSubmitsTestCase(TransactionTestCase):
    def setUp(self) -> None:
        call_command("load_content", verbosity=0)
        self.alice = make_user("Alice", "Europe/London")
        self.bob = make_user("Bob", "America/New_York")
        make_couple(self.alice, self.bob)
        self.daily = services.daily_get_or_create(user=self.alice, pairing=pairing_for(self.alice))

    def test_twenty_identical_replies_at_once_store_one(self) -> None:
        for person in (self.alice, self.bob):
            services.answer_save(daily=self.daily, user=person, text=f"{person} answers.")
        clients = [Client() for _ in range(SENDS)]
        for client in clients:
            sign_in(client, self.alice)
        url = f"/questions/{self.daily.code}/reply/"
        sent = {"text": "Sent twenty times.", "submit_token": str(uuid.uuid4())}
        results = race(*(post(client, url, sent) for client in clients))
        # Every one of them answers as a success; one reply is stored.
        self.assertEqual(results, [302] * SENDS)
        self.assertEqual(Reply.objects.filter(daily=self.daily).count(), 1)

    def test_two_tabs_saving_at_once_keep_one_and_refuse_the_other(self) -> None:
        services.answer_save(daily=self.daily, user=self.alice, text="First.")
        for n in range(4):
            version = Answer.objects.get(daily=self.daily, author=self.alice).version
            results = race(
                edit(self.daily.pk, self.alice.pk, f"Phone {n}.", version),
                edit(self.daily.pk, self.alice.pk, f"Laptop {n}.", version),
            )
            refused = [r for r in results if isinstance(r, StaleEdit)]
            self.assertEqual(len(refused), 1, results)
            self.assertEqual([r for r in results if isinstance(r, Exception)], refused)
            answer = Answer.objects.get(daily=self.daily, author=self.alice)
            self.assertEqual(answer.version, version + 1)
            self.assertEqual(refused[0].saved, {"text": answer.text})
