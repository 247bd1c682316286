"""Two partners answer today's question in separate browsers; the reveal, a reply."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from browser_tests.conftest import screenshot
from nearer.testing import PASSWORD, make_couple, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALICE_ANSWER = "The smell of rain on warm pavement, every single time."
BOB_ANSWER = "Hearing you laugh at something in the next room."


def sign_in(page: Any, email: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Today's question").wait_for()


def test_both_answer_see_the_reveal_and_reply(phone: Any) -> None:
    call_command("load_content", verbosity=0)
    make_couple(make_user("Alice", "Europe/London"), make_user("Bob", "America/Chicago"))
    alice, bob = phone(), phone()
    sign_in(alice, "alice@example.org")
    sign_in(bob, "bob@example.org")

    alice.get_by_label("Your answer").fill(ALICE_ANSWER)
    alice.get_by_role("button", name="Save my answer").click()
    alice.get_by_text("Your answer is kept").wait_for()
    screenshot(alice, "10-alice-answered")

    bob.reload()
    bob.get_by_text("Alice has answered. Answer to see theirs.").wait_for()
    # Not in the page source either, not only hidden from view.
    assert ALICE_ANSWER not in bob.content()
    screenshot(bob, "11-bob-invited-to-answer")

    bob.get_by_label("Your answer").fill(BOB_ANSWER)
    bob.get_by_role("button", name="Save my answer").click()
    bob.get_by_text(ALICE_ANSWER).wait_for()
    screenshot(bob, "12-bob-reveal")

    bob.get_by_label("Reply").fill("Same. Let's walk in the rain this weekend?")
    bob.get_by_role("button", name="Send reply").click()
    bob.locator(".reply").get_by_text("walk in the rain").wait_for()

    alice.reload()
    alice.get_by_text(BOB_ANSWER).wait_for()
    alice.locator(".reply").get_by_text("walk in the rain").wait_for()
    screenshot(alice, "13-alice-sees-reply")

    alice.get_by_role("link", name="Questions", exact=True).click()
    alice.get_by_label("Search your answers and what you've shared").fill("rain")
    alice.get_by_role("button", name="Search").click()
    alice.get_by_text("Hearing you laugh").wait_for()
    screenshot(alice, "14-history-search")
