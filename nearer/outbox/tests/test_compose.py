"""Every e-mail we send, rendered with a name that has HTML in it: written as typed in
the plain text and the subject, escaped only in the HTML part."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from nearer.outbox.compose import send_templated
from nearer.outbox.models import OutboxMessage
from nearer.testing import BaseTestCase

NAME = 'Léa <b>"&'
EMAILS = Path(settings.BASE_DIR) / "nearer" / "templates" / "emails"


def every_email() -> list[str]:
    return sorted(p.name.removesuffix("-body.txt") for p in EMAILS.glob("*-body.txt"))


class PlainTextTestCase(BaseTestCase):
    def test_every_email_writes_the_name_as_typed(self) -> None:
        self.assertGreaterEqual(len(every_email()), 4)
        self.alice.display_name = NAME
        link = "https://nearer.example.org/confirm/abc/?a=1&b=2"
        # What each e-mail's sender passes: a link, or a password reset's parts.
        context = {"link": link, "protocol": "https", "domain": "x.org", "uid": "u", "token": "t"}
        for name in every_email():
            with self.subTest(email=name):
                OutboxMessage.objects.all().delete()
                send_templated("lea@example.org", name, {**context, "user": self.alice})
                message = OutboxMessage.objects.get()
                self.assertIn(NAME, message.body_text)
                self.assertNotIn("&lt;", message.body_text)
                self.assertNotIn("&amp;", message.body_text + message.subject)
                if "&" in link and "/confirm/" in message.body_text:
                    self.assertIn(link, message.body_text)
                self.assertNotIn("<b>", message.body_html)

    def test_the_password_reset_goes_through_the_same_composer(self) -> None:
        self.alice.display_name = NAME
        self.alice.save()
        self.client.post("/password-reset/", {"email": self.alice.email})
        (message,) = OutboxMessage.objects.filter(to=self.alice.email)
        self.assertIn(f"Hi {NAME},", message.body_text)
        self.assertIn("/password-reset/", message.body_text)
