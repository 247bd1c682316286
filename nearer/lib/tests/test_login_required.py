from __future__ import annotations

import uuid
from urllib.parse import quote

from nearer.testing import BaseTestCase

SIGNED_IN_PAGES = [
    "/account/",
    "/account/confirm-password/",
    "/account/e-mail/",
    "/account/password/",
    "/account/delete/",
    "/pair/",
    "/pair/join/some-token/",
    "/pair/unpair/",
    "/pair/export/",
    "/practices/",
    "/practices/patience/",
]
SIGNED_IN_POSTS = [
    f"/account/sessions/{uuid.uuid4()}/end/",
    "/pair/invite/",
    "/pair/join/",
    "/pair/join/some-token/",
    "/pair/unpair/",
]


class LoginRequiredTestCase(BaseTestCase):
    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        for url in SIGNED_IN_PAGES:
            with self.subTest(url=url):
                r = self.client.get(url)
                self.assertRedirects(
                    r, f"/sign-in/?next={quote(url)}", fetch_redirect_response=False
                )
        for url in SIGNED_IN_POSTS:
            with self.subTest(url=url):
                r = self.client.post(url)
                self.assertEqual(r.status_code, 302)
                self.assertTrue(r["Location"].startswith("/sign-in/?next="))

    def test_anonymous_pages_are_open(self) -> None:
        for url in ("/sign-in/", "/sign-up/", "/password-reset/", "/password-reset/sent/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
