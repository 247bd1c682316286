from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from nearer.couples.models import Invite
from nearer.testing import BaseTestCase


class PairTestCase(BaseTestCase):
    def test_it_works(self) -> None:
        self.sign_in(self.eve)
        r = self.client.get("/pair/")
        self.assertContains(r, "Pair with your partner")
        self.assertContains(r, "Make an invite code")
        self.assertNotContains(r, 'data-testid="invite-code"')

    def test_it_requires_login(self) -> None:
        r = self.client.get("/pair/")
        self.assertRedirects(r, "/sign-in/?next=/pair/", fetch_redirect_response=False)

    def test_it_shows_my_live_invite(self) -> None:
        invite = Invite.objects.create(
            inviter=self.eve, short_code="ABCD2345", expires_at=timezone.now() + timedelta(hours=1)
        )
        self.sign_in(self.eve)
        r = self.client.get("/pair/")
        self.assertContains(r, "ABCD-2345")
        self.assertContains(r, f"/pair/join/{invite.link_token}/")
        self.assertContains(r, "Make a new code")

    def test_it_hides_expired_invites(self) -> None:
        Invite.objects.create(
            inviter=self.eve, short_code="ABCD2345", expires_at=timezone.now() - timedelta(hours=1)
        )
        self.sign_in(self.eve)
        r = self.client.get("/pair/")
        self.assertNotContains(r, "ABCD-2345")

    def test_paired_person_sees_partner(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/pair/")
        self.assertContains(r, "You and Bob")
        self.assertContains(r, "/pair/unpair/")
        self.assertNotContains(r, "Charlie")
        self.assertNotContains(r, "Dana")

    def test_it_hides_from_other_couples(self) -> None:
        Invite.objects.create(
            inviter=self.eve, short_code="ABCD2345", expires_at=timezone.now() + timedelta(hours=1)
        )
        self.sign_in(self.charlie)
        r = self.client.get("/pair/")
        self.assertContains(r, "You and Dana")
        self.assertNotContains(r, "Alice")
        self.assertNotContains(r, "Bob")
        self.assertNotContains(r, "ABCD-2345")

    def test_partner_cannot_see_it(self) -> None:
        # Another person's invite code never shows on my page.
        Invite.objects.create(
            inviter=self.eve, short_code="ABCD2345", expires_at=timezone.now() + timedelta(hours=1)
        )
        Invite.objects.create(inviter=self.alice, expires_at=timezone.now() + timedelta(hours=1))
        self.sign_in(self.bob)
        r = self.client.get("/pair/")
        self.assertNotContains(r, "ABCD-2345")
        self.assertNotContains(r, "/pair/join/")
