"""Every request is bounded: an oversized body, too many fields or any file is refused
before it is read, with our 400 page, and nothing is saved."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nearer.accounts.models import User
from nearer.testing import BaseTestCase, sign_in

STATIC = Path(__file__).resolve().parents[2] / "static"


class RequestBoundsTestCase(BaseTestCase):
    def browser(self) -> Client:
        # With its CSRF cookie, as a browser that has seen the page: the CSRF check then
        # reads the body, as in production.
        client = Client(enforce_csrf_checks=True)
        sign_in(client, self.alice)
        client.get("/account/")
        return client

    def test_a_body_over_256_kb_is_refused(self) -> None:
        self.assertEqual(settings.DATA_UPLOAD_MAX_MEMORY_SIZE, 256 * 1024)
        client = self.browser()
        data = {"display_name": "x" * 300_000, "time_zone": "UTC"}
        r = client.post("/account/", data)  # multipart/form-data
        self.assertContains(r, "We couldn", status_code=400)
        form = "application/x-www-form-urlencoded"
        r = client.post("/account/", urlencode(data), content_type=form)
        self.assertContains(r, "We couldn", status_code=400)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.display_name, "Alice")

    def test_a_ten_megabyte_file_is_refused_not_accepted(self) -> None:
        client = self.browser()
        token = client.cookies["csrftoken"].value
        upload = b"\x89PNG" + b"\x00" * (10 * 1024 * 1024)
        data = {
            "csrfmiddlewaretoken": token,
            "display_name": "Alice B",
            "time_zone": "UTC",
            "language": "en",
            "photo": SimpleUploadedFile("me.png", upload, content_type="image/png"),
        }
        r = client.post("/account/", data)  # multipart/form-data
        self.assertContains(r, "We couldn", status_code=400)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.display_name, "Alice")
        # Anonymous too, to a page that reads the body only in the view.
        one_byte = SimpleUploadedFile("f", b"x")
        r = Client().post("/sign-in/", {"email": "a@example.org", "f": one_byte})
        self.assertContains(r, "We couldn", status_code=400)

    def test_too_many_fields_are_refused(self) -> None:
        data = {f"field{n}": "x" for n in range(200)}
        r = self.browser().post("/account/", {**data, "display_name": "Mallory"})
        self.assertContains(r, "We couldn", status_code=400)
        self.assertFalse(User.objects.filter(display_name="Mallory").exists())


class CsrfCookieTestCase(BaseTestCase):
    def test_the_csrf_cookie_is_http_only_and_htmx_still_sends_the_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        sign_in(client, self.alice)
        page = client.get("/account/")
        cookie = client.cookies[settings.CSRF_COOKIE_NAME]
        self.assertTrue(cookie["httponly"])
        # No script of ours reads cookies: the token comes from the page.
        for script in STATIC.rglob("*.js"):
            self.assertNotIn("cookie", script.read_text().lower(), script)
        token = page.content.decode().split('{"X-CSRFToken": "', 1)[1].split('"', 1)[0]
        r = client.post(
            "/account/",
            {"display_name": "Alice B", "time_zone": "UTC", "language": "en"},
            headers={"X-CSRFToken": token},
        )
        self.assertEqual(r.status_code, 302)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.display_name, "Alice B")
