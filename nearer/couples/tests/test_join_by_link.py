from __future__ import annotations

from datetime import timedelta

import time_machine
from django.utils import timezone

from nearer.accounts.models import User
from nearer.couples.models import Membership
from nearer.couples.pairing import pairing_for
from nearer.couples.services import invite_create
from nearer.testing import BaseTestCase, make_user, partner_of


class JoinByLinkTestCase(BaseTestCase):
    frank: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.frank = make_user("Frank")

    def setUp(self) -> None:
        super().setUp()
        self.invite = invite_create(inviter=self.eve)
        self.url = f"/pair/join/{self.invite.link_token}/"

    def test_it_works(self) -> None:
        self.sign_in(self.frank)
        r = self.client.get(self.url)
        self.assertContains(r, "Pair with Eve?")
        self.assertContains(r, 'method="post"')
        # Opening the link pairs no one: a preview or a prefetch must not.
        self.assertIsNone(pairing_for(self.frank))
        self.invite.refresh_from_db()
        self.assertTrue(self.invite.is_live)

        r = self.client.post(self.url)
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        self.assertEqual(partner_of(self.frank), self.eve)

    def test_inviter_name_is_escaped(self) -> None:
        self.eve.display_name = "<script>alert(1)</script>"
        self.eve.save()
        self.sign_in(self.frank)
        r = self.client.get(self.url)
        self.assertNotContains(r, "<script>alert(1)")
        self.assertContains(r, "&lt;script&gt;alert(1)&lt;/script&gt;")

    def test_it_requires_login(self) -> None:
        r = self.client.get(self.url)
        self.assertRedirects(r, f"/sign-in/?next={self.url}", fetch_redirect_response=False)
        r = self.client.post(self.url)
        self.assertEqual(r.status_code, 302)
        self.assertIsNone(pairing_for(self.eve))

    def test_sign_in_comes_back_to_the_link(self) -> None:
        r = self.client.post(
            "/sign-in/",
            {
                "email": "frank@example.org",
                "password": "correct horse battery staple",
                "next": self.url,
            },
        )
        self.assertRedirects(r, self.url, fetch_redirect_response=False)

    def test_it_hides_from_other_couples(self) -> None:
        # Charlie is paired: the link shows, but pairing is refused and nothing changes.
        self.sign_in(self.charlie)
        r = self.client.post(self.url, follow=True)
        self.assertContains(r, "already paired")
        self.assertEqual(partner_of(self.charlie), self.dana)
        self.assertIsNone(pairing_for(self.eve))

    def test_own_link_is_refused(self) -> None:
        self.sign_in(self.eve)
        r = self.client.post(self.url, follow=True)
        self.assertContains(r, "That&#x27;s your own invite.")
        self.assertIsNone(pairing_for(self.eve))

    def test_bad_links_are_refused_clearly(self) -> None:
        self.sign_in(self.frank)
        for token in ("nope", "x" * 500, self.invite.link_token[:-1], "%3Cscript%3E", "a%00b"):
            r = self.client.get(f"/pair/join/{token}/", follow=True)
            self.assertContains(r, "That code doesn&#x27;t work.", msg_prefix=token)
            r = self.client.post(f"/pair/join/{token}/", follow=True)
            self.assertEqual(r.status_code, 200)
        self.assertIsNone(pairing_for(self.frank))

    def test_expired_link_is_refused(self) -> None:
        self.sign_in(self.frank)
        with time_machine.travel(timezone.now() + timedelta(hours=49), tick=False):
            r = self.client.post(self.url, follow=True)
        self.assertContains(r, "That code doesn&#x27;t work.")
        self.assertIsNone(pairing_for(self.frank))

    def test_double_submit_makes_one_couple(self) -> None:
        self.sign_in(self.frank)
        self.client.post(self.url)
        r = self.client.post(self.url, follow=True)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(Membership.objects.filter(user=self.frank).count(), 1)
        self.assertEqual(Membership.objects.filter(user=self.eve).count(), 1)

    def test_link_guesses_are_rate_limited(self) -> None:
        self.sign_in(self.frank)
        for i in range(10):
            self.client.post(f"/pair/join/guess{i}/")
        r = self.client.post(self.url, follow=True)
        self.assertContains(r, "Too many tries with codes.")
        self.assertIsNone(pairing_for(self.frank))

    def test_put_is_not_allowed(self) -> None:
        self.sign_in(self.frank)
        self.assertEqual(self.client.put(self.url).status_code, 405)
