"""A display name with no spaces, as long as the form allows, never pushes a page
sideways on the narrowest phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from browser_tests.conftest import screenshot
from browser_tests.test_invite_newcomer import fits
from nearer.accounts.models import DISPLAY_NAME_MAX
from nearer.testing import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_long_unbroken_name_wraps_at_320_px(phone: Any) -> None:
    call_command("load_content", verbosity=0)
    name = "Maximilianaaaaaaa" * (DISPLAY_NAME_MAX // 17)
    long = make_user("Long")
    long.display_name = name[:DISPLAY_NAME_MAX]
    long.save()
    page = phone()
    page.set_viewport_size({"width": 320, "height": 780})
    page.goto("/sign-in/")
    page.get_by_label("E-mail").fill("long@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    for path in ("/", "/account/"):
        page.goto(path)
        screenshot(page, f"long-name-320{path.strip('/').replace('/', '-') or '-today'}")
        assert fits(page, "main"), f"{path} scrolls sideways with a long name"
        # The menu wraps rather than cutting off "Me" (it was 341 px wide at 320 px).
        assert fits(page, ".main-nav"), f"{path}: the menu runs off the screen"
        assert page.get_by_role("link", name="Me", exact=True).is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide at 320 px"
