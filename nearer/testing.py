"""The cast every test needs.

Alice and Bob are a couple.
Charlie is paired with Dana: another couple, who must see nothing of Alice and Bob.
Eve has an account but no partner.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.test import Client, TestCase
from django.utils import timezone

from nearer.accounts.models import DeviceSession, User
from nearer.accounts.security import AUTH_AT, SEEN_AT, SIGNED_IN_AT
from nearer.couples.models import Couple, Membership
from nearer.outbox.models import OutboxMessage

PASSWORD = "correct horse battery staple"


def make_user(name: str, time_zone: str = "UTC", **extra: Any) -> User:
    return User.objects.create_user(
        f"{name.lower()}@example.org",
        PASSWORD,
        display_name=name,
        time_zone=time_zone,
        email_confirmed_at=timezone.now(),
        **extra,
    )


def partner_of(user: User) -> User | None:
    """Who `user` is paired with right now, if anyone."""
    from nearer.couples.pairing import pairing_for

    pairing = pairing_for(user)
    return pairing.partner if pairing else None


def sign_up_frank(client: Client) -> None:
    """Frank signs up through the form, as a newcomer does (his e-mail is unconfirmed)."""
    form = {
        "display_name": "Frank",
        "email": "frank@example.org",
        "password": "a quiet walk by the river",
        "time_zone": "UTC",
    }
    client.post("/sign-up/", form)


def mails_to(address: str) -> list[OutboxMessage]:
    """E-mails waiting in the outbox for `address`, oldest first."""
    return list(OutboxMessage.objects.filter(to__iexact=address).order_by("id"))


def link_in(text: str, prefix: str) -> str:
    """The path of the first link in `text` starting with `prefix` (e.g. "/confirm/")."""
    found = re.search(rf"https?://[^/\s]+({re.escape(prefix)}[^\s\"<]*)", text)
    assert found, f"no {prefix} link in: {text!r}"
    return found.group(1)


def without_tokens(body: str) -> str:
    """A page body with its per-request secrets (CSRF token, CSP nonce) blanked out."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", body)
    body = re.sub(r'"X-CSRFToken": "[^"]*"', "CSRF", body)
    return re.sub(r'nonce="[^"]*"', "NONCE", body)


def make_couple(first: User, second: User) -> Couple:
    couple = Couple.objects.create()
    Membership.objects.create(couple=couple, user=first, seat=1)
    Membership.objects.create(couple=couple, user=second, seat=2)
    return couple


def sign_in(client: Client, user: User) -> None:
    """Sign in as a fresh sign-in would: password just given, session recorded."""
    client.force_login(user)
    session = client.session
    now = time.time()
    session[AUTH_AT] = session[SIGNED_IN_AT] = session[SEEN_AT] = now
    session.save()
    DeviceSession.objects.update_or_create(
        session_key=session.session_key, defaults={"user": user, "user_agent": "test"}
    )


class BaseTestCase(TestCase):
    alice: User
    bob: User
    charlie: User
    dana: User
    eve: User
    couple: Couple
    other_couple: Couple

    @classmethod
    def setUpTestData(cls) -> None:
        cls.alice = make_user("Alice", "Europe/London")
        cls.bob = make_user("Bob", "America/New_York")
        cls.charlie = make_user("Charlie")
        cls.dana = make_user("Dana")
        cls.eve = make_user("Eve")
        cls.couple = make_couple(cls.alice, cls.bob)
        cls.other_couple = make_couple(cls.charlie, cls.dana)

    def sign_in(self, user: User) -> None:
        sign_in(self.client, user)


def race(*tasks: Callable[[], Any]) -> list[Any]:
    """Run the tasks in threads released at the same instant (real concurrency, for
    PostgreSQL tests); return what each returned or raised."""
    barrier = threading.Barrier(len(tasks))
    results: list[Any] = [None] * len(tasks)

    def run(index: int, task: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = task()
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
