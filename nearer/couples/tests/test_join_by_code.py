from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from nearer.accounts.models import User
from nearer.couples.models import Couple, Invite, Membership
from nearer.couples.pairing import pairing_for
from nearer.couples.services import couple_end, invite_create
from nearer.testing import BaseTestCase, make_user, partner_of, sign_in


class JoinByCodeTestCase(BaseTestCase):
    frank: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.frank = make_user("Frank")

    def setUp(self) -> None:
        super().setUp()
        self.invite = invite_create(inviter=self.eve)

    def join(self, code: str, follow: bool = False):
        return self.client.post("/pair/join/", {"code": code}, follow=follow)

    def assertNotPaired(self, *people: User) -> None:
        for person in people:
            self.assertIsNone(pairing_for(person), person)

    def test_it_works(self) -> None:
        self.sign_in(self.frank)
        r = self.join(self.invite.display_code)
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        pairing = pairing_for(self.frank)
        assert pairing is not None
        self.assertEqual(pairing.partner, self.eve)
        self.assertEqual(partner_of(self.eve), self.frank)
        self.invite.refresh_from_db()
        self.assertIsNotNone(self.invite.used_at)
        # Both now see the pairing.
        self.assertContains(self.client.get("/pair/"), "You and Eve")

    def test_it_accepts_the_code_as_typed(self) -> None:
        ways = [
            lambda c: c.lower(),
            lambda c: f"{c[:4]} {c[4:]}",
            lambda c: f" {c[:4].lower()}-{c[4:]} ",
        ]
        self.sign_in(self.frank)
        for way in ways:
            typed = way(self.invite.short_code)
            with self.subTest(typed=typed):
                r = self.join(typed)
                self.assertRedirects(r, "/", fetch_redirect_response=False)
                pairing = pairing_for(self.frank)
                assert pairing is not None
                couple_end(couple=pairing.couple)
                self.invite = invite_create(inviter=self.eve)

    def test_it_requires_login(self) -> None:
        r = self.join(self.invite.short_code)
        self.assertRedirects(r, "/sign-in/?next=/pair/join/", fetch_redirect_response=False)
        self.assertNotPaired(self.eve)

    def test_get_is_not_allowed(self) -> None:
        self.sign_in(self.frank)
        r = self.client.get("/pair/join/")
        self.assertEqual(r.status_code, 405)

    def test_own_code_is_refused(self) -> None:
        self.sign_in(self.eve)
        r = self.join(self.invite.short_code, follow=True)
        self.assertContains(r, "That&#x27;s your own invite.")
        self.assertNotPaired(self.eve)
        self.invite.refresh_from_db()
        self.assertTrue(self.invite.is_live)

    def test_already_paired_person_is_refused(self) -> None:
        self.sign_in(self.alice)
        r = self.join(self.invite.short_code, follow=True)
        self.assertContains(r, "You&#x27;re already paired.")
        self.assertEqual(partner_of(self.alice), self.bob)
        self.assertNotPaired(self.eve)
        # The invite was not used up by the refusal.
        self.invite.refresh_from_db()
        self.assertTrue(self.invite.is_live)

    def test_code_of_an_already_paired_person_is_refused(self) -> None:
        # Alice made a code, then paired with Bob another way; her old code can't pair her again.
        soon = timezone.now() + timedelta(hours=1)
        Invite.objects.create(inviter=self.alice, short_code="ALCE2345", expires_at=soon)
        self.sign_in(self.frank)
        r = self.join("ALCE2345", follow=True)
        self.assertContains(r, "already paired with someone")
        self.assertNotPaired(self.frank)
        self.assertEqual(Membership.objects.filter(user=self.alice, active=True).count(), 1)

    def test_expired_code_is_refused(self) -> None:
        self.sign_in(self.frank)
        with time_machine.travel(timezone.now() + timedelta(hours=48, seconds=1), tick=False):
            r = self.join(self.invite.short_code, follow=True)
        self.assertContains(r, "That code doesn&#x27;t work.")
        self.assertNotPaired(self.frank, self.eve)

    def test_used_code_is_refused(self) -> None:
        sign_in(Client(), self.frank)
        Client().post("/pair/join/", {"code": self.invite.short_code})  # anonymous: nothing
        other = Client()
        sign_in(other, self.frank)
        other.post("/pair/join/", {"code": self.invite.short_code})
        self.assertEqual(partner_of(self.eve), self.frank)
        pairing = pairing_for(self.eve)
        assert pairing is not None
        couple_end(couple=pairing.couple)

        # Unpaired again, the used code still doesn't work.
        self.sign_in(self.frank)
        r = self.join(self.invite.short_code, follow=True)
        self.assertContains(r, "That code doesn&#x27;t work.")
        self.assertNotPaired(self.frank, self.eve)

    def test_revoked_code_is_refused(self) -> None:
        old = self.invite
        invite_create(inviter=self.eve)
        self.sign_in(self.frank)
        r = self.join(old.short_code, follow=True)
        self.assertContains(r, "That code doesn&#x27;t work.")
        self.assertNotPaired(self.frank)

    def test_guessed_code_is_refused(self) -> None:
        self.sign_in(self.frank)
        guess = "ZZZZ2222" if self.invite.short_code != "ZZZZ2222" else "YYYY3333"
        r = self.join(guess, follow=True)
        self.assertContains(r, "That code doesn&#x27;t work.")
        self.assertNotPaired(self.frank)

    def test_malformed_codes_get_a_clear_message(self) -> None:
        self.sign_in(self.frank)
        for bad in (
            "",
            "ABC",
            "ABCDEFGHJ",
            "!!!!????",
            "x" * 21,
            "<script>",
            "ÄÖÜ",
            "ABCD\x002345",
        ):
            r = self.join(bad)
            self.assertEqual(r.status_code, 400, bad)
            self.assertContains(r, "field-invalid", status_code=400)
            self.assertNotContains(r, "<script>", status_code=400)
        r = self.client.post("/pair/join/", {})
        self.assertContains(r, "Please fill this in.", status_code=400)
        self.assertNotPaired(self.frank)

    def test_code_guesses_are_rate_limited(self) -> None:
        self.sign_in(self.frank)
        for i in range(10):
            self.join(f"ZZZZ{i + 2:04}".replace("0", "2").replace("1", "3"))
        # Now even the right code is refused for a while.
        r = self.join(self.invite.short_code, follow=True)
        self.assertContains(r, "Too many tries with codes.")
        self.assertNotPaired(self.frank)
        with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1), tick=False):
            r = self.join(self.invite.short_code)
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_double_submit_makes_one_couple(self) -> None:
        self.sign_in(self.frank)
        first = self.join(self.invite.short_code)
        second = self.join(self.invite.short_code, follow=True)
        self.assertRedirects(first, "/", fetch_redirect_response=False)
        self.assertEqual(second.status_code, 200)
        self.assertEqual(Membership.objects.filter(user=self.frank).count(), 1)
        self.assertEqual(Couple.objects.filter(memberships__user=self.frank).count(), 1)

    def test_after_unpairing_a_person_can_pair_again(self) -> None:
        self.sign_in(self.alice)
        couple_end(couple=self.couple)
        r = self.join(self.invite.short_code)
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        self.assertEqual(partner_of(self.alice), self.eve)
        # The earlier couple is kept, as history.
        history = Membership.objects.filter(user=self.alice).order_by("joined_at", "id")
        self.assertEqual([m.active for m in history], [False, True])
        self.assertIsNotNone(history[0].left_at)
        self.assertIsNone(pairing_for(self.bob))

    def test_it_revokes_both_peoples_other_invites(self) -> None:
        franks = invite_create(inviter=self.frank)
        self.sign_in(self.frank)
        self.join(self.invite.short_code)
        franks.refresh_from_db()
        self.assertIsNotNone(franks.revoked_at)
