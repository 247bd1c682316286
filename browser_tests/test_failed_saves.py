"""A save that fails says so next to the form, keeps what was typed and can be sent
again: offline, signed out in another tab, a stale session, a server error."""

from __future__ import annotations

import re
import time
from importlib import import_module
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from browser_tests.conftest import screenshot
from browser_tests.test_todays_question import sign_in
from nearer.accounts.security import SIGNED_IN_AT
from nearer.testing import make_couple, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWER = "Sunday mornings, before either of us has looked at a phone."
CHANGED = "Sunday mornings, and the walk to the bakery after."


@pytest.fixture
def alice(phone: Any) -> Any:
    call_command("load_content", verbosity=0)
    make_couple(make_user("Alice", "Europe/London"), make_user("Bob", "America/Chicago"))
    page = phone()
    sign_in(page, "alice@example.org")
    return page


def assert_kept_and_usable(page: Any, text: str, button: str) -> None:
    assert page.get_by_label("Your answer").input_value() == text
    save = page.get_by_role("button", name=button)
    assert save.is_enabled()
    assert save.get_attribute("aria-disabled") is None


def test_offline_says_so_keeps_the_text_and_tries_again(alice: Any) -> None:
    alice.get_by_label("Your answer").fill(ANSWER)
    alice.context.set_offline(True)
    alice.get_by_role("button", name="Save my answer").click()

    alert = alice.locator("p.form-failure[role=alert]")
    alert.get_by_text("it looks like you're offline").wait_for()
    assert "What you wrote is still here" in alert.inner_text()
    assert_kept_and_usable(alice, ANSWER, "Save my answer")
    screenshot(alice, "30-failed-save-offline")

    # A second failure replaces the message rather than stacking another.
    alice.get_by_role("button", name="Save my answer").click()
    alert.get_by_text("offline").wait_for()
    alice.wait_for_timeout(200)
    assert alice.locator("p.form-failure").count() == 1

    alice.context.set_offline(False)
    alice.get_by_role("button", name="Try again").click()
    alice.get_by_text("Your answer is kept").wait_for()
    assert alice.locator("p.form-failure").count() == 0
    alice.reload()
    alice.get_by_label("Your answer").wait_for()
    assert alice.get_by_label("Your answer").input_value() == ANSWER


def test_signed_out_in_another_tab(alice: Any) -> None:
    other = alice.context.new_page()
    other.goto("/")
    other.get_by_role("button", name="Sign out").click()
    other.wait_for_url(re.compile(r"/(sign-in/)?$"))

    alice.get_by_label("Your answer").fill(ANSWER)
    alice.get_by_role("button", name="Save my answer").click()
    alert = alice.locator("p.form-failure[role=alert]")
    alert.get_by_text("you may have been signed out, or this page is old").wait_for()
    assert_kept_and_usable(alice, ANSWER, "Save my answer")
    # The same refusal would come again, so no "Try again" that cannot work.
    assert alert.get_by_role("button", name="Try again").count() == 0


def test_a_sign_in_past_its_lifetime(alice: Any) -> None:
    # The server signs the person out and redirects to sign-in; htmx follows the
    # redirect, and swapping that page in would wipe the form.
    cookie = next(c for c in alice.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = import_module(settings.SESSION_ENGINE).SessionStore(cookie["value"])
    session[SIGNED_IN_AT] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 60
    session.save()

    alice.get_by_label("Your answer").fill(ANSWER)
    alice.get_by_role("button", name="Save my answer").click()
    alert = alice.locator("p.form-failure[role=alert]")
    alert.get_by_text("you've been signed out").wait_for()
    assert alice.get_by_label("E-mail").count() == 0
    assert_kept_and_usable(alice, ANSWER, "Save my answer")
    link = alert.get_by_role("link", name=re.compile("Sign in"))
    assert link.get_attribute("target") == "_blank"


def test_a_session_gone_altogether(alice: Any) -> None:
    # Cookies cleared (or expired): the CSRF check refuses the old page's token.
    alice.context.clear_cookies()
    alice.get_by_label("Your answer").fill(ANSWER)
    alice.get_by_role("button", name="Save my answer").click()
    alert = alice.locator("p.form-failure[role=alert]")
    alert.get_by_text("you may have been signed out, or this page is old").wait_for()
    assert "copy it, then reload" in alert.inner_text()
    assert_kept_and_usable(alice, ANSWER, "Save my answer")


def test_a_server_error_hides_the_old_kept_note(alice: Any) -> None:
    alice.get_by_label("Your answer").fill(ANSWER)
    alice.get_by_role("button", name="Save my answer").click()
    kept = alice.get_by_text("Your answer is kept")
    kept.wait_for()

    def fail(route: Any) -> None:
        route.fulfill(status=500, content_type="text/html", body="<h1>Server error</h1>")

    alice.route(re.compile(r"/answer/$"), fail)
    alice.get_by_label("Your answer").fill(CHANGED)
    alice.get_by_role("button", name="Save changes").click()
    alert = alice.locator("p.form-failure[role=alert]")
    alert.get_by_text("Something went wrong on our side").wait_for()
    assert_kept_and_usable(alice, CHANGED, "Save changes")
    # The earlier save's note would read as if this one had been kept too.
    assert not kept.is_visible()
    assert alice.get_by_text("Server error").count() == 0

    alice.unroute(re.compile(r"/answer/$"))
    alert.get_by_role("button", name="Try again").click()
    kept.wait_for()
    assert alice.locator("p.form-failure").count() == 0
    alice.reload()
    assert alice.get_by_label("Your answer").input_value() == CHANGED
