from __future__ import annotations

import re
from typing import Any

from nearer.testing import BaseTestCase

ANONYMOUS_PAGES = ["/sign-in/", "/sign-up/", "/password-reset/", "/nowhere/"]
SIGNED_IN_PAGES = ["/account/", "/pair/", "/account/password/", "/practices/"]


def directives(response: Any) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


class HeadersTestCase(BaseTestCase):
    def check(self, response: Any) -> None:
        csp = directives(response)
        self.assertEqual(csp["default-src"], ["'self'"])
        self.assertEqual(csp["frame-ancestors"], ["'none'"])
        self.assertIn("'self'", csp["script-src"])
        self.assertNotIn("'unsafe-inline'", csp["script-src"])
        self.assertNotIn("'unsafe-eval'", csp["script-src"])
        self.assertNotIn("'unsafe-inline'", csp.get("style-src", []))
        self.assertEqual(csp["object-src"], ["'none'"])
        # Every script tag carries the nonce the policy names.
        nonces = [w for w in csp["script-src"] if w.startswith("'nonce-")]
        self.assertEqual(len(nonces), 1, csp["script-src"])
        body = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>", body):
            self.assertIn(f'nonce="{nonces[0][7:-1]}"', tag)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")
        self.assertEqual(response["X-Frame-Options"], "DENY")

    def test_anonymous_pages(self) -> None:
        for url in ANONYMOUS_PAGES:
            with self.subTest(url=url):
                self.check(self.client.get(url))

    def test_signed_in_pages(self) -> None:
        self.sign_in(self.alice)
        for url in SIGNED_IN_PAGES:
            with self.subTest(url=url):
                r = self.client.get(url)
                self.check(r)
                self.assertIn("no-store", r["Cache-Control"])

    def test_nonce_changes_every_response(self) -> None:
        first = directives(self.client.get("/sign-in/"))["script-src"]
        second = directives(self.client.get("/sign-in/"))["script-src"]
        self.assertNotEqual(first, second)

    def test_error_pages(self) -> None:
        self.check(self.client.get("/confirm/garbage/"))

    def test_anonymous_pages_may_be_cached_but_not_signed_in_ones(self) -> None:
        r = self.client.get("/sign-in/")
        self.assertNotIn("no-store", r.get("Cache-Control", ""))
