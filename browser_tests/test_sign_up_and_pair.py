"""Two people sign up in separate browsers and pair by code, at phone width."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command

from browser_tests.conftest import screenshot
from nearer.couples.models import Membership
from nearer.outbox.models import OutboxMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a quiet walk by the river"


def sign_up_and_confirm(page: Any, name: str, email: str, shot: str) -> None:
    page.goto("/sign-up/")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    # The page suggests the browser's own time zone; keep what it chose.
    assert page.get_by_label("Time zone").input_value() != ""
    screenshot(page, f"{shot}-sign-up")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    body = OutboxMessage.objects.filter(to=email).latest("created_at").body_text
    link = re.search(r"https?://\S+(/confirm/\S+/)", body)
    assert link, body
    page.goto(link.group(1))
    page.get_by_text("Your e-mail is confirmed").wait_for()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name=f"Hello, {name}").wait_for()


def test_two_partners_sign_up_and_pair_by_code(phone: Any) -> None:
    call_command("load_content", verbosity=0)
    alice, bob = phone(), phone()
    sign_up_and_confirm(alice, "Alice", "alice@example.org", "01-alice")
    sign_up_and_confirm(bob, "Bob", "bob@example.org", "02-bob")
    screenshot(alice, "03-alice-today-alone")

    alice.get_by_role("link", name="Us").click()
    alice.get_by_role("button", name="Make an invite code").click()
    code = alice.get_by_test_id("invite-code").inner_text()
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", code)
    screenshot(alice, "04-alice-invite-code")

    bob.get_by_role("link", name="Us").click()
    bob.get_by_label("Your partner's code").fill(code.lower().replace("-", " "))
    bob.get_by_role("button", name="Pair with them").click()
    bob.get_by_text("You're paired with Alice").wait_for()
    screenshot(bob, "05-bob-paired")

    alice.get_by_role("link", name="Us").click()
    alice.get_by_text("You and Bob, together in Nearer").wait_for()
    assert Membership.objects.filter(active=True).count() == 2

    alice.goto("/practices/")
    cards = alice.locator(".practice")
    assert cards.count() == 14
    screenshot(alice, "06-practices")
    cards.first.get_by_role("link").click()
    alice.get_by_role("heading", name="Try this week").wait_for()
    screenshot(alice, "07-practice-detail")
