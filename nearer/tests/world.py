"""A small world with something private in every corner, for the URL-tree tests.

Alice and Bob answered today's question (revealed) and Bob replied; yesterday only Alice
answered, so that day is not revealed and Bob must not see her answer. Eve answered her
solo question. Charlie and Dana, the other couple, have nothing of their own. Each text
carries a sentinel, so a page that shows it to the wrong person is caught by a substring
test whatever its template looks like.

Everything is made through the real services, under the frozen clock of
QuestionTestCase (noon UTC, when London and New York share a date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import time_machine
from django.test import Client

from nearer.accounts.models import DeviceSession, User
from nearer.coach.models import PracticeStatement
from nearer.practices.models import Practice
from nearer.questions.models import DailyQuestion
from nearer.questions.tests.base import NOON, QuestionTestCase, answer_as, daily_for, reply_as
from nearer.testing import sign_in

ALICE_ANSWER = "SENTINEL-ALICE-ANSWER-7f3"
BOB_ANSWER = "SENTINEL-BOB-ANSWER-2c9"
BOB_REPLY = "SENTINEL-BOB-REPLY-d41"
ALICE_UNREVEALED = "SENTINEL-ALICE-UNREVEALED-9ab"
EVE_SOLO = "SENTINEL-EVE-SOLO-5e1"

# What only Alice and Bob may see; what only Alice may see (until Bob answers); Eve's.
COUPLE_SENTINELS = (ALICE_ANSWER, BOB_ANSWER, BOB_REPLY, ALICE_UNREVEALED)
ALICE_ONLY = (ALICE_UNREVEALED,)
EVE_ONLY = (EVE_SOLO,)


@dataclass(frozen=True)
class World:
    alice: User
    bob: User
    charlie: User
    dana: User
    eve: User
    revealed: DailyQuestion  # today: both answered, Bob replied
    unrevealed: DailyQuestion  # yesterday: only Alice answered
    eve_daily: DailyQuestion  # Eve's solo day
    # A second signed-in device of Alice's, there to be signed out by the tests (never
    # the session the test's own client uses).
    alice_phone: DeviceSession
    practice: Practice
    statement: PracticeStatement  # a listening-coach practice statement


class WorldTestCase(QuestionTestCase):
    """QuestionTestCase with the world above, built once per class."""

    world: World

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        with time_machine.travel(NOON - timedelta(days=1), tick=False):
            unrevealed = daily_for(cls.alice)
            answer_as(cls.alice, ALICE_UNREVEALED, unrevealed)
        with time_machine.travel(NOON, tick=False):
            revealed = daily_for(cls.alice)
            answer_as(cls.alice, ALICE_ANSWER, revealed)
            answer_as(cls.bob, BOB_ANSWER, revealed)
            reply_as(cls.bob, BOB_REPLY, revealed)
            eve_daily = daily_for(cls.eve)
            answer_as(cls.eve, EVE_SOLO, eve_daily)
            phone = Client()
            sign_in(phone, cls.alice)
            alice_phone = DeviceSession.objects.get(session_key=phone.session.session_key)
        revealed.refresh_from_db()
        unrevealed.refresh_from_db()
        assert revealed.revealed_at is not None and unrevealed.revealed_at is None
        cls.world = World(
            alice=cls.alice,
            bob=cls.bob,
            charlie=cls.charlie,
            dana=cls.dana,
            eve=cls.eve,
            revealed=revealed,
            unrevealed=unrevealed,
            eve_daily=eve_daily,
            alice_phone=alice_phone,
            practice=Practice.objects.filter(retired=False).order_by("slug").first(),
            statement=PracticeStatement.objects.filter(retired=False).order_by("position").first(),
        )
