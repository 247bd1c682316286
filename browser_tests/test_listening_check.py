"""A partner writes a reply under a reveal, asks how it might land, and sends it anyway."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from browser_tests.conftest import screenshot
from browser_tests.test_todays_question import sign_in
from nearer.couples.pairing import pairing_for
from nearer.questions import services
from nearer.questions.models import Reply
from nearer.testing import make_couple, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = "You should try going to bed earlier tonight."


def test_check_a_reply_then_send_it_anyway(phone: Any) -> None:
    call_command("load_content", verbosity=0)
    alice, bob = make_user("Alice"), make_user("Bob")
    make_couple(alice, bob)
    daily = services.daily_get_or_create(user=alice, pairing=pairing_for(alice))
    for user, text in ((alice, "I slept badly again and the whole day felt foggy."), (bob, "ok")):
        services.answer_save(daily=daily, user=user, text=text)

    page = phone()
    sign_in(page, "bob@example.org")
    page.get_by_label("Reply").fill(DRAFT)
    page.get_by_role("button", name="How might this land?").click()
    page.get_by_text("One thing to try").wait_for()
    assert "advice" in page.locator(".coach-feedback").inner_text()
    # The example is built from Alice's own words.
    assert "you slept badly again" in page.locator(".coach-example").inner_text()
    screenshot(page, "20-listening-check")

    # Nothing was sent by asking; sending anyway is one click away.
    assert Reply.objects.count() == 0
    page.get_by_role("button", name="Send reply").click()
    page.locator(".reply").get_by_text(DRAFT).wait_for()
    assert Reply.objects.get().text == DRAFT
    screenshot(page, "21-reply-sent-anyway")


def test_practice_a_statement(phone: Any) -> None:
    call_command("load_content", verbosity=0)
    make_user("Alice")
    page = phone()
    sign_in(page, "alice@example.org")
    page.get_by_role("link", name="Practise listening").click()
    page.locator(".statements a").first.click()
    page.get_by_label("What would you say back?").fill(
        "That sounds like such a relief. You must be really proud of yourself."
    )
    page.get_by_role("button", name="See how it lands").click()
    page.get_by_text("One way to say it").wait_for()
    screenshot(page, "22-practice-feedback")
    page.get_by_role("link", name="All statements").click()
    page.get_by_text("You've practised 1 statement").wait_for()
    screenshot(page, "23-practice-progress")
