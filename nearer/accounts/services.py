"""Operations on accounts that span several models."""

from __future__ import annotations

import re
from functools import reduce
from operator import or_

from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from nearer.accounts.models import DeviceSession, User
from nearer.accounts.signals import person_leaving
from nearer.accounts.tokens import make_confirm_token, read_confirm_token
from nearer.outbox.compose import send_templated
from nearer.outbox.models import OutboxMessage


@transaction.atomic
def account_sign_up(
    *, email: str, password: str, display_name: str, time_zone: str, language: str
) -> User | None:
    """Create an unconfirmed account and e-mail a confirmation link.

    When the address is already registered nothing is created and the owner gets a
    "someone tried to sign up" e-mail instead, so the page answers the same either way.
    """
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        try:
            # Two sign-ups for one address at the same instant: the database's
            # case-insensitive unique constraint lets one through; the other is told
            # apart below, like any known address, instead of failing with an error.
            with transaction.atomic():
                user = User.objects.create_user(
                    email,
                    password,
                    display_name=display_name,
                    time_zone=time_zone,
                    language=language,
                )
        except IntegrityError:
            existing = User.objects.filter(email__iexact=email).first()
            if existing is None:
                raise
        else:
            send_confirmation(user, user.email)
            return user
    make_password(password)  # same work as the other branch: no timing difference
    send_templated(existing.email, "signup-existing", {"user": existing})
    return None


def send_confirmation(user: User, email: str) -> None:
    token = make_confirm_token(user, email)
    link = reverse("accounts:confirm_email", args=[token])
    send_templated(email, "confirm-email", {"user": user, "link": link})


@transaction.atomic
def account_confirm_email(*, user: User, email: str) -> bool:
    """Confirm `email` for `user`; for a change of address, switch to it. False if taken."""
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        return False
    old_email = user.email
    user.email = email if email.lower() != old_email.lower() else old_email
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email", "email_confirmed_at"])
    if user.email.lower() != old_email.lower():
        send_templated(old_email, "email-changed", {"user": user})
    return True


def sessions_end(*, user: User, keep_session_key: str | None = None) -> int:
    """End every session of `user` except the one named, server-side."""
    devices = user.device_sessions.all()
    if keep_session_key:
        devices = devices.exclude(session_key=keep_session_key)
    keys = list(devices.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    devices.delete()
    return len(keys)


def session_end(*, device: DeviceSession) -> None:
    Session.objects.filter(session_key=device.session_key).delete()
    device.delete()


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a person and everything they wrote.

    The rule for shared things: what the person wrote goes with them, shared or not
    (their answers, replies and notes are theirs). What the partner wrote stays with
    the partner. Couple memberships end, so the partner is simply unpaired.
    """
    # Apps above this one act first: couples unpairs the partner (which also deletes
    # both people's kept pages).
    person_leaving.send(sender=User, user=user)
    sessions_end(user=user)
    _outbox_of(user).delete()  # sent or not: each holds the address, the name and links
    user.delete()


_CONFIRM_LINK = re.compile(r"/confirm/([\w.:-]+)/")


def _outbox_of(user: User) -> QuerySet[OutboxMessage]:
    """Every e-mail in the outbox to or about `user`.

    Those to their address; those carrying one of their confirmation links, wherever
    sent; and those to the earlier and pending addresses such links name (the notice
    of a change goes to the old address). Of an address another account holds now,
    only what was sent before that account was made.
    """
    code, addresses = str(user.code), {user.email.lower()}
    carrying: list[int] = []
    with_links = OutboxMessage.objects.filter(body_text__contains="/confirm/")
    for pk, body in with_links.values_list("pk", "body_text"):
        for token in _CONFIRM_LINK.findall(body):
            link = read_confirm_token(token, max_age=None)
            if link is not None and link.user_code == code:
                carrying.append(pk)
                addresses |= {link.email, link.from_email}
    others = User.objects.exclude(pk=user.pk).annotate(address=Lower("email"))
    held = dict(others.filter(address__in=addresses).values_list("address", "date_joined"))
    to_them = [
        Q(to__iexact=address, created_at__lt=held[address])
        if address in held
        else Q(to__iexact=address)
        for address in sorted(addresses)
    ]
    return OutboxMessage.objects.filter(reduce(or_, to_them, Q(pk__in=carrying)))
