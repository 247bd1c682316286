from __future__ import annotations

import inspect
import re
import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from nearer.couples import models
from nearer.couples.models import (
    CODE_ALPHABET,
    Couple,
    Invite,
    Membership,
    new_short_code,
    normalise_code,
)
from nearer.testing import BaseTestCase


class CodeTestCase(BaseTestCase):
    def test_codes_are_eight_unambiguous_characters(self) -> None:
        for _ in range(200):
            self.assertRegex(new_short_code(), r"^[2-9A-HJKMNP-Z]{8}$")
        for confusing in "01ILO":
            self.assertNotIn(confusing, CODE_ALPHABET)

    def test_codes_come_from_a_csprng(self) -> None:
        source = inspect.getsource(models)
        self.assertIn("secrets.choice(CODE_ALPHABET)", source)
        self.assertIn("secrets.token_urlsafe", source)
        self.assertNotRegex(source, r"\brandom\.")
        # With the system's CSPRNG the codes don't repeat.
        self.assertEqual(len({new_short_code() for _ in range(1000)}), 1000)
        self.assertIs(models.secrets, secrets)

    def test_links_are_long_and_unguessable(self) -> None:
        invite = Invite.objects.create(inviter=self.eve, expires_at=timezone.now())
        self.assertGreaterEqual(len(invite.link_token), 32)
        self.assertRegex(invite.link_token, r"^[A-Za-z0-9_-]+$")

    def test_display_code(self) -> None:
        invite = Invite(short_code="K7PM4QXD")
        self.assertEqual(invite.display_code, "K7PM-4QXD")

    def test_normalise_code(self) -> None:
        for typed in ("k7pm-4qxd", " K7PM 4QXD ", "k7pm4qxd", "K7PM–4QXD"):
            self.assertEqual(normalise_code(typed), "K7PM4QXD", typed)

    def test_is_live(self) -> None:
        now = timezone.now()
        live = Invite(expires_at=now + timedelta(minutes=1))
        self.assertTrue(live.is_live)
        self.assertFalse(Invite(expires_at=now - timedelta(seconds=1)).is_live)
        self.assertFalse(Invite(expires_at=now + timedelta(hours=1), used_at=now).is_live)
        self.assertFalse(Invite(expires_at=now + timedelta(hours=1), revoked_at=now).is_live)


class ConstraintTestCase(BaseTestCase):
    def test_a_person_cannot_be_in_two_active_couples(self) -> None:
        couple = Couple.objects.create()
        with self.assertRaises(IntegrityError), transaction.atomic():
            Membership.objects.create(couple=couple, user=self.alice, seat=1)

    def test_a_couple_has_no_third_seat(self) -> None:
        with self.assertRaises(IntegrityError), transaction.atomic():
            Membership.objects.create(couple=self.couple, user=self.eve, seat=2)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Membership.objects.create(couple=self.couple, user=self.eve, seat=3)

    def test_inactive_memberships_keep_history(self) -> None:
        Membership.objects.filter(user=self.alice).update(active=False)
        couple = Couple.objects.create()
        Membership.objects.create(couple=couple, user=self.alice, seat=1)
        self.assertEqual(Membership.objects.filter(user=self.alice).count(), 2)

    def test_short_codes_are_unique(self) -> None:
        soon = timezone.now() + timedelta(hours=1)
        Invite.objects.create(inviter=self.eve, short_code="ABCD2345", expires_at=soon)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Invite.objects.create(inviter=self.alice, short_code="ABCD2345", expires_at=soon)

    def test_str(self) -> None:
        self.assertTrue(re.match(r"^couple ", str(self.couple)))
