from __future__ import annotations

import re

from nearer.couples.models import CODE_ALPHABET, Invite
from nearer.testing import BaseTestCase


class InviteTestCase(BaseTestCase):
    def test_it_works(self) -> None:
        self.sign_in(self.eve)
        r = self.client.post("/pair/invite/")
        self.assertRedirects(r, "/pair/")
        invite = Invite.objects.get(inviter=self.eve)
        self.assertTrue(invite.is_live)
        self.assertEqual(len(invite.short_code), 8)
        self.assertTrue(set(invite.short_code) <= set(CODE_ALPHABET))

        r = self.client.get("/pair/")
        shown = re.search(r'data-testid="invite-code"[^>]*>([^<]+)<', r.content.decode())
        assert shown is not None
        self.assertEqual(shown.group(1), f"{invite.short_code[:4]}-{invite.short_code[4:]}")
        self.assertRegex(shown.group(1), r"^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")
        self.assertContains(r, "It works once, for 48 hours.")

    def test_it_requires_login(self) -> None:
        r = self.client.post("/pair/invite/")
        self.assertRedirects(r, "/sign-in/?next=/pair/invite/", fetch_redirect_response=False)
        self.assertFalse(Invite.objects.exists())

    def test_get_is_not_allowed(self) -> None:
        self.sign_in(self.eve)
        self.assertEqual(self.client.get("/pair/invite/").status_code, 405)
        self.assertFalse(Invite.objects.exists())

    def test_a_new_invite_revokes_the_old(self) -> None:
        self.sign_in(self.eve)
        self.client.post("/pair/invite/")
        self.client.post("/pair/invite/")
        old, new = Invite.objects.filter(inviter=self.eve).order_by("created_at", "id")
        self.assertIsNotNone(old.revoked_at)
        self.assertTrue(new.is_live)
        self.assertNotEqual(old.short_code, new.short_code)

    def test_paired_person_cannot_invite(self) -> None:
        self.sign_in(self.alice)
        r = self.client.post("/pair/invite/", follow=True)
        self.assertContains(r, "already paired")
        self.assertFalse(Invite.objects.filter(inviter=self.alice).exists())

    def test_invites_are_rate_limited(self) -> None:
        self.sign_in(self.eve)
        for _ in range(20):
            self.client.post("/pair/invite/")
        r = self.client.post("/pair/invite/", follow=True)
        self.assertContains(r, "a lot of new codes for one day")
        self.assertEqual(Invite.objects.filter(inviter=self.eve).count(), 20)
