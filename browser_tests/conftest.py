"""Playwright in Debian's Chromium, phone-sized, watching for CSP violations and for
any request to another origin. Screenshots go to screenshots/ at the repository root."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
PHONE = {"width": 360, "height": 780}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@dataclass
class Watch:
    origin: str
    csp_violations: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            "Debian's Chromium is not installed (apt-get install chromium), "
            "so the browser tests are skipped."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(chromium: Any, live_server: Any) -> Iterator[Callable[[], Any]]:
    """Open a fresh phone-sized browser context (a separate person) on the live server."""
    contexts: list[Any] = []
    watch = Watch(origin=live_server.url)

    def open_page() -> Any:
        context = chromium.new_context(viewport=PHONE, base_url=live_server.url)
        context.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => "
            "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda msg: _on_console(watch, msg))
        page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
        page.on("request", lambda req: _on_request(watch, req.url))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert watch.csp_violations == [], f"CSP violations: {watch.csp_violations}"
    assert watch.foreign_requests == [], f"requests to other origins: {watch.foreign_requests}"
    assert watch.page_errors == [], f"JavaScript errors: {watch.page_errors}"


def _on_console(watch: Watch, message: Any) -> None:
    text = message.text
    if "Content Security Policy" in text or "CSP violation" in text:
        watch.csp_violations.append(text)


def _on_request(watch: Watch, url: str) -> None:
    if re.match(r"^(data|blob|about):", url):
        return
    if not url.startswith(watch.origin):
        watch.foreign_requests.append(url)


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
