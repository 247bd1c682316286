"""Pairing and unpairing: every operation that touches several rows at once."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nearer.accounts.models import User
from nearer.couples.models import INVITE_LIFETIME, Couple, Invite, Membership
from nearer.couples.pairing import lock_couple


class PairingError(Exception):
    """A pairing that can't happen, with a message fit to show the person."""


@transaction.atomic
def invite_create(*, inviter: User) -> Invite:
    """A fresh invite; any earlier live invite of this person stops working."""
    if Membership.objects.filter(user=inviter, active=True).exists():
        raise PairingError(_("You're already paired, so there's no one new to invite."))
    now = timezone.now()
    Invite.objects.filter(inviter=inviter, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    return Invite.objects.create(inviter=inviter, expires_at=now + INVITE_LIFETIME)


def invite_find(*, short_code: str = "", link_token: str = "") -> Invite | None:
    """A live invite by code or link, or None for wrong, used, revoked or expired ones."""
    query = Q(short_code=short_code) if short_code else Q(link_token=link_token)
    if not (short_code or link_token):
        return None
    return (
        Invite.objects.filter(query, used_at__isnull=True, revoked_at__isnull=True)
        .filter(expires_at__gt=timezone.now())
        .select_related("inviter")
        .first()
    )


def couple_create(*, invite: Invite, invitee: User) -> Couple:
    """Pair the invite's author with `invitee`.

    Safe under races: the invite is claimed with a conditional update (one winner),
    and the database's one-active-couple-per-person constraint refuses any second
    couple for either person, so two people accepting at once can never make two
    couples or a couple of three.
    """
    if invite.inviter_id == invitee.pk:
        raise PairingError(_("That's your own invite. Send it to your partner to pair."))
    try:
        with transaction.atomic():
            return _pair(invite=invite, invitee=invitee)
    except IntegrityError as exc:
        raise PairingError(
            _("One of you is already paired, so this invite can't be used.")
        ) from exc


def _pair(*, invite: Invite, invitee: User) -> Couple:
    # Lock both people, always in the same order, before anything else. Without it, A
    # accepting B's code while B accepts A's deadlocks on PostgreSQL (each waits on the
    # other's uncommitted membership) and one of them gets a database error, not a
    # message. With it, the second waits, then sees the first couple and is refused.
    people = sorted([invite.inviter_id, invitee.pk])
    list(User.objects.select_for_update().filter(pk__in=people).order_by("pk").values("pk"))
    now = timezone.now()
    if Membership.objects.filter(user=invitee, active=True).exists():
        raise PairingError(_("You're already paired. Unpair first to pair with someone new."))
    if Membership.objects.filter(user_id=invite.inviter_id, active=True).exists():
        raise PairingError(_("This invite's author is already paired with someone."))
    claimed = Invite.objects.filter(
        pk=invite.pk, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if claimed != 1:
        raise PairingError(_("This invite has just been used or has expired. Ask for a new one."))
    couple = Couple.objects.create(created_at=now)
    Membership.objects.create(couple=couple, user_id=invite.inviter_id, seat=1, joined_at=now)
    Membership.objects.create(couple=couple, user=invitee, seat=2, joined_at=now)
    # Neither person needs their other invites any more.
    Invite.objects.filter(
        Q(inviter_id=invite.inviter_id) | Q(inviter=invitee), used_at__isnull=True
    ).update(revoked_at=now)
    return couple


@transaction.atomic
def couple_end(*, couple: Couple) -> None:
    """Unpair at once: from the next request neither sees what the other wrote.

    Takes the couple's lock first (nearer.couples.pairing), so a partner's write that
    depends on the pairing either finishes before or sees the couple ended. Ending the
    memberships also deletes both people's kept pages, in this transaction
    (nearer.keptpages.freshness): each held the other's words.
    """
    members = lock_couple(couple.pk)
    now = timezone.now()  # after the lock: a reveal that went first is stamped earlier
    Membership.objects.filter(pk__in=[m.pk for m in members]).update(active=False, left_at=now)
    Couple.objects.filter(pk=couple.pk, ended_at__isnull=True).update(ended_at=now)


def couple_end_for_leaving_person(*, user: User, **_signal: object) -> None:
    """A person is deleting their account: their partner is simply unpaired."""
    membership = Membership.objects.filter(user=user, active=True).first()
    if membership is not None:
        couple_end(couple=membership.couple)
