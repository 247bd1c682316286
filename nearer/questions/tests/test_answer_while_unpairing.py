"""A real race on PostgreSQL: one partner answers while the other unpairs.

Before `@pairing_write`, the answer trusted the pairing read at the start of the
request: in 8 of 12 such races the response showed the ex-partner's unrevealed answer
and the day was stamped revealed after the couple had ended. Now the answer re-reads
the pairing under the lock that unpairing takes, so it either reveals while the two are
still paired or is refused, and the page after it shows only what is visible now.
"""

from __future__ import annotations

from functools import partial

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from nearer.couples.models import Couple
from nearer.couples.pairing import pairing_for
from nearer.questions import services
from nearer.questions.models import DailyQuestion
from nearer.testing import make_couple, make_user, race, sign_in

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
TRIALS = 12


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real concurrency (set DATABASE_URL)")


def test_an_answer_racing_an_unpairing_never_reveals_after_the_end() -> None:
    call_command("load_content", verbosity=0)
    outcomes = {"revealed while paired": 0, "refused after the end": 0}
    for trial in range(TRIALS):
        alice, bob = make_user(f"Alice{trial}"), make_user(f"Bob{trial}")
        couple = make_couple(alice, bob)
        daily = services.daily_get_or_create(user=alice, pairing=pairing_for(alice))
        secret = f"BOB-UNREVEALED-{trial}"
        services.answer_save(daily=daily, user=bob, text=secret)
        alice_browser, bob_browser = Client(), Client()
        sign_in(alice_browser, alice)
        sign_in(bob_browser, bob)
        answered, _unpaired = race(
            partial(
                alice_browser.post,
                f"/questions/{daily.code}/answer/",
                {"text": "Alice's answer"},
                headers={"HX-Request": "true"},
            ),
            partial(bob_browser.post, "/pair/unpair/", {"confirm": "on"}),
        )
        ended_at = Couple.objects.get(pk=couple.pk).ended_at
        revealed_at = DailyQuestion.objects.get(pk=daily.pk).revealed_at
        assert ended_at is not None, "the unpairing must go through"
        assert not isinstance(answered, Exception), answered
        if revealed_at is not None:
            assert revealed_at <= ended_at, "revealed after the couple ended"
            outcomes["revealed while paired"] += 1
        else:
            assert secret not in answered.content.decode()
            outcomes["refused after the end"] += 1
        # Whoever won, the page after the answer never shows Bob's words once unpaired,
        # unless it was built before the end (then the reveal came first, above).
        if secret in answered.content.decode():
            assert revealed_at is not None
    assert sum(outcomes.values()) == TRIALS
