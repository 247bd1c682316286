"""Today composes every registered card (nearer.lib.rituals.cards): each shows what its
data gives, leaves nothing when it gives None, and none grows Today's queries with the
couple's history."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from nearer.lib import rituals
from nearer.lib.rituals import TodayCard
from nearer.questions.tests.base import QuestionTestCase
from nearer.testing import without_tokens
from nearer.tests.test_ritual_contract import CardCall, card_calls


@contextmanager
def without_data(card: TodayCard) -> Iterator[None]:
    """The registry with `card`'s data giving None, as on a day it has nothing."""
    owner = next(r for r in rituals.installed() if card in r.cards)
    cards = tuple(
        dataclasses.replace(c, data=lambda *_: None) if c == card else c for c in owner.cards
    )
    with mock.patch.dict(rituals._registry, {owner.label: dataclasses.replace(owner, cards=cards)}):
        yield


def rendered(call: CardCall) -> str:
    """The card alone, rendered from the data it gave on Today."""
    assert call.result is not None
    html = render_to_string(call.card.template, dict(call.result), request=call.request)
    return without_tokens(html).strip()


@override_settings(PAGE_CACHE=False)
class TodayCardsTestCase(QuestionTestCase):
    def today(self, client: Client) -> str:
        response = client.get("/")
        self.assertEqual(response.status_code, 200)
        return without_tokens(response.content.decode())

    def queries_of_today(self, client: Client) -> list[list[str]]:
        """The queries of a new day's first visit to Today (it hands out the day's
        question) and of the visit after it."""
        self.later(days=1)
        visits = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                self.today(client)
            visits.append([q["sql"] for q in queries.captured_queries])
        return visits

    def assertSameCounts(self, short: list[list[str]], long: list[list[str]]) -> None:
        for visit, (few, more) in enumerate(zip(short, long, strict=True), start=1):
            grown = "\n".join(more[len(few) :])
            self.assertEqual(len(more), len(few), f"visit {visit} grew with history:\n{grown}")

    def test_todays_queries_do_not_grow_with_a_couples_history(self) -> None:
        client = self.client_for(self.alice)
        self.live(3)
        short = self.queries_of_today(client)
        self.live(40)
        self.assertSameCounts(short, self.queries_of_today(client))

    def test_todays_queries_do_not_grow_with_a_solo_history(self) -> None:
        client = self.client_for(self.eve)
        self.live_alone(self.eve, 3)
        short = self.queries_of_today(client)
        self.live_alone(self.eve, 40)
        self.assertSameCounts(short, self.queries_of_today(client))

    def test_every_card_shows_what_its_data_gives(self) -> None:
        self.live(3)
        self.live_alone(self.eve, 3)
        for person in (self.alice, self.eve):
            client = self.client_for(person)
            self.today(client)
            with card_calls() as calls:
                page = self.today(client)
            self.assertEqual({c.card.name for c in calls}, {c.name for c in rituals.cards()})
            for call in calls:
                if call.result is None:
                    continue
                with self.subTest(person=person.display_name, card=call.card.name):
                    card = rendered(call)
                    self.assertTrue(card, f"the card {call.card.name!r} shows nothing")
                    self.assertIn(card, page)

    def test_a_card_without_data_leaves_nothing(self) -> None:
        self.live(3)
        client = self.client_for(self.alice)
        self.today(client)
        with card_calls() as calls:
            self.today(client)
        shown = {c.card.name: rendered(c) for c in calls if c.result is not None}
        for card in rituals.cards():
            if card.name not in shown:
                continue
            with self.subTest(card=card.name), without_data(card):
                page = self.today(client)
                self.assertNotIn(shown[card.name], page)
                for other, text in shown.items():
                    if other != card.name:
                        self.assertIn(text, page, f"{other!r} gone with {card.name!r}")
