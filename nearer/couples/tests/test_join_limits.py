"""Only the POST that tries an invite counts against the pairing limit: a GET (which
another site can make a signed-in browser send) counts nothing and changes nothing."""

from __future__ import annotations

from nearer.accounts.models import User
from nearer.couples.services import invite_create
from nearer.limits.models import RateCounter
from nearer.testing import BaseTestCase, make_user, partner_of


class JoinLimitsTestCase(BaseTestCase):
    frank: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.frank = make_user("Frank")

    def test_opening_bogus_links_never_counts(self) -> None:
        invite = invite_create(inviter=self.eve)
        self.sign_in(self.frank)
        for i in range(20):
            r = self.client.get(f"/pair/join/bogus{i}/", follow=True)
            self.assertContains(r, "That code doesn&#x27;t work.")
        self.assertFalse(RateCounter.objects.exists())

        r = self.client.post("/pair/join/", {"code": invite.short_code})
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        self.assertEqual(partner_of(self.frank), self.eve)

    def test_opening_a_real_link_never_counts(self) -> None:
        invite = invite_create(inviter=self.eve)
        self.sign_in(self.frank)
        for _ in range(20):
            self.assertContains(self.client.get(f"/pair/join/{invite.link_token}/"), "Pair with")
        self.assertFalse(RateCounter.objects.exists())
        r = self.client.post(f"/pair/join/{invite.link_token}/")
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_posted_link_guesses_count(self) -> None:
        invite = invite_create(inviter=self.eve)
        self.sign_in(self.frank)
        for i in range(10):
            self.client.post(f"/pair/join/bogus{i}/")
        r = self.client.post("/pair/join/", {"code": invite.short_code}, follow=True)
        self.assertContains(r, "Too many tries with codes.")
        self.assertIsNone(partner_of(self.frank))
        # Opening the link still only shows it.
        r = self.client.get(f"/pair/join/{invite.link_token}/")
        self.assertContains(r, "Pair with")
