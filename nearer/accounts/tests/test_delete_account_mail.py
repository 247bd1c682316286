"""Deleting an account deletes every e-mail of theirs in the outbox, sent or not."""

from __future__ import annotations

from django.utils import timezone

from nearer.accounts.models import User
from nearer.outbox.compose import send_templated
from nearer.outbox.models import OutboxMessage
from nearer.testing import BaseTestCase, link_in, mails_to


def mentions(word: str) -> list[OutboxMessage]:
    word = word.lower()
    return [
        m
        for m in OutboxMessage.objects.all()
        if word in f"{m.to} {m.subject} {m.body_text} {m.body_html}".lower()
    ]


class DeleteAccountMailTestCase(BaseTestCase):
    def move_alice(self, to: str) -> None:
        self.client.post("/account/e-mail/", {"email": to})
        self.client.get(link_in(mails_to(to)[-1].body_text, "/confirm/"))

    def test_no_e_mail_mentions_them_afterwards(self) -> None:
        self.sign_in(self.alice)
        # A sign-up notice to her first address; then she moves twice (each move sends
        # a link to the new address and a notice to the old one), asks for a password
        # reset and starts a third move she never confirms.
        send_templated("alice@example.org", "signup-existing", {"user": self.alice})
        self.move_alice("alice@second.example")
        self.move_alice("alice@third.example")
        self.client.post("/password-reset/", {"email": "alice@third.example"})
        OutboxMessage.objects.update(sent_at=timezone.now())  # delivered, all of them
        self.client.post("/account/e-mail/", {"email": "alice@pending.example"})
        send_templated("bob@example.org", "signup-existing", {"user": self.bob})
        self.assertEqual(len(mentions("alice")), 7)

        r = self.client.post("/account/delete/", {"confirm": "DELETE"})
        self.assertContains(r, "Your account is deleted")

        self.assertEqual(mentions("alice"), [])
        self.assertEqual([m.to for m in OutboxMessage.objects.all()], ["bob@example.org"])

    def test_an_address_someone_else_holds_now_keeps_their_mail(self) -> None:
        self.sign_in(self.alice)
        self.move_alice("alice@second.example")
        # Someone signs up with the address Alice left: their mail is theirs.
        frank = User.objects.create_user("alice@example.org", "x" * 12, display_name="Frank")
        send_templated("alice@example.org", "signup-existing", {"user": frank})

        self.client.post("/account/delete/", {"confirm": "DELETE"})

        (kept,) = OutboxMessage.objects.all()
        self.assertEqual(kept.to, "alice@example.org")
        self.assertIn("Hi Frank", kept.body_text)
