"""Who is this person paired with right now? One query, memoised per request."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from nearer.accounts.models import User
from nearer.couples.models import Couple, Membership


@dataclass(frozen=True)
class Pairing:
    couple: Couple
    partner: User


def pairing_for(user: User) -> Pairing | None:
    partner_membership = (
        Membership.objects.filter(
            active=True,
            couple__memberships__user=user,
            couple__memberships__active=True,
        )
        .exclude(user=user)
        .select_related("couple", "user")
        .first()
    )
    if partner_membership is None:
        return None
    return Pairing(couple=partner_membership.couple, partner=partner_membership.user)


def request_pairing(request: HttpRequest) -> Pairing | None:
    """The signed-in person's pairing, looked up at most once per request."""
    if not request.user.is_authenticated:
        return None
    cached: Pairing | None | str = getattr(request, "_nearer_pairing", "unset")
    if cached == "unset":
        assert isinstance(request.user, User)
        cached = pairing_for(request.user)
        request._nearer_pairing = cached  # type: ignore[attr-defined]
    assert not isinstance(cached, str)
    return cached
