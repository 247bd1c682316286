from __future__ import annotations

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from nearer.lib.models import KeepsStateVersion

# No 0/O, 1/I/L: a code read aloud over the phone should survive.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
INVITE_LIFETIME = timedelta(hours=48)


def new_short_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_link_token() -> str:
    return secrets.token_urlsafe(24)


def normalise_code(raw: str) -> str:
    """Accept 'abcd-efgh', 'ABCD EFGH' or 'abcdefgh' as the same code."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


class Couple(KeepsStateVersion):
    """Two people. Membership rows say who; a couple that has ended keeps its history."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Slugs of the one or two practices the couple chose to lean toward this month.
    focus = models.JSONField(default=list, blank=True)
    # Moved by the database whenever anything of the couple's that a kept page shows
    # changes (nearer.keptpages.freshness); part of both partners' kept pages' keys.
    state_version = models.PositiveBigIntegerField(default=0, editable=False)

    def __str__(self) -> str:
        return f"couple {self.code}"


class Membership(models.Model):
    couple = models.ForeignKey(Couple, models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    # Seat 1 or 2: with unique (couple, seat) the database itself refuses a third person.
    seat = models.PositiveSmallIntegerField()
    active = models.BooleanField(default=True)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(active=True), name="one_active_couple_per_person"
            ),
            models.UniqueConstraint(fields=["couple", "seat"], name="two_seats_per_couple"),
            models.CheckConstraint(condition=Q(seat__in=[1, 2]), name="seat_is_one_or_two"),
        ]
        indexes = [models.Index(fields=["couple", "active"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.couple_id}"


class Invite(models.Model):
    """A single-use, expiring invitation: a short code to read out, or a link to send."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inviter = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="invites")
    short_code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_short_code)
    link_token = models.CharField(max_length=64, unique=True, default=new_link_token)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["inviter", "-created_at"])]

    def __str__(self) -> str:
        return f"invite by {self.inviter_id}"

    @property
    def is_live(self) -> bool:
        return self.used_at is None and self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def display_code(self) -> str:
        return f"{self.short_code[:4]}-{self.short_code[4:]}"
