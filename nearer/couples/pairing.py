"""Who is this person paired with right now?

On a request, `request_pairing` gives the pairing that nearer.identity read with the
session, in the same query as the person. A write that depends on the pairing must not
trust that: the partner may be unpairing at this very moment. `@pairing_write` runs such
a service in a transaction and hands it the pairing re-read under a lock on the couple's
memberships, which unpairing takes too, so the two never overlap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from nearer.accounts.models import User
from nearer.couples.models import Couple, Membership

# Where nearer.identity.auth leaves the pairing it read with the person.
PAIRING_ATTRIBUTE = "_nearer_pairing_at_sign_in"

R = TypeVar("R")


@dataclass(frozen=True)
class Pairing:
    couple: Couple
    partner: User


def pairing_for(user: User) -> Pairing | None:
    """The person's pairing, read now (one query)."""
    partner = (
        Membership.objects.filter(
            couple__memberships__user=user, couple__memberships__active=True, active=True
        )
        .exclude(user=user)
        .select_related("couple", "user")
        .first()
    )
    return None if partner is None else Pairing(couple=partner.couple, partner=partner.user)


def request_pairing(request: HttpRequest) -> Pairing | None:
    """The signed-in person's pairing, looked up at most once per request (and usually
    read along with the person and the session, in the same query)."""
    if not request.user.is_authenticated:
        return None
    cached: Pairing | None | str = getattr(request, "_nearer_pairing", "unset")
    if cached == "unset":
        assert isinstance(request.user, User)
        cached = getattr(request.user, PAIRING_ATTRIBUTE, "unset")
        if cached == "unset":
            cached = pairing_for(request.user)
        request._nearer_pairing = cached  # type: ignore[attr-defined]
    assert not isinstance(cached, str)
    return cached


def lock_couple(couple_id: int) -> list[Membership]:
    """Lock the couple's active memberships, always in the same order, and return them.

    Every change that depends on who is paired (unpairing, and each `@pairing_write`)
    takes this lock first, so they run one after the other. Inside a transaction only.
    """
    return _locked(Membership.objects.filter(couple_id=couple_id, active=True))


def _locked(members: QuerySet[Membership]) -> list[Membership]:
    return list(
        members.select_for_update(of=("self",)).select_related("couple", "user").order_by("pk")
    )


def pairing_locked(user: User) -> Pairing | None:
    """The person's pairing, re-read under the couple's lock (inside a transaction).

    Two steps on purpose: find the couple, then lock its memberships by the couple's id.
    Locking through a join to the person's own membership in one query is not safe:
    PostgreSQL re-checks only the locked rows once an unpairing lets go, not the joined
    one, and a race test saw a reveal after the couple's end that way."""
    couple_id = (
        Membership.objects.filter(user=user, active=True)
        .values_list("couple_id", flat=True)
        .first()
    )
    if couple_id is None:
        return None
    members = lock_couple(couple_id)
    if not any(m.user_id == user.pk for m in members):
        return None  # unpaired while we waited for the lock
    partner = next((m for m in members if m.user_id != user.pk), None)
    return None if partner is None else Pairing(couple=partner.couple, partner=partner.user)


def pairing_write(service: Callable[..., R]) -> Callable[..., R]:
    """For a service whose change depends on the pairing: runs it in a transaction and
    passes `pairing=`, re-read under the couple's lock for the service's `user=`.

    Callers never pass a pairing (a stale one is the bug this prevents): doing so is a
    TypeError.
    """

    @wraps(service)
    def wrapper(*args: Any, **kwargs: Any) -> R:
        if "pairing" in kwargs:
            raise TypeError(f"{service.__name__} re-reads the pairing itself; don't pass one")
        user = kwargs["user"]
        assert isinstance(user, User)
        with transaction.atomic():
            kwargs["pairing"] = pairing_locked(user)
            return service(*args, **kwargs)

    wrapper.pairing_write = True  # type: ignore[attr-defined]
    return wrapper
