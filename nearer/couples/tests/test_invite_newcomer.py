"""Someone new opens an invite link: the invite stays with them through sign-up,
confirmation and sign-in, and they land on the page that asks them to accept it."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from nearer.accounts.models import User
from nearer.couples.services import invite_create
from nearer.limits.models import RateCounter
from nearer.testing import PASSWORD, BaseTestCase, link_in, mails_to, partner_of, sign_up_frank

FRANK = {"email": "frank@example.org", "password": "a quiet walk by the river"}
INVITED_LINE = "Eve invited you to Nearer."


class InviteNewcomerTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.invite = invite_create(inviter=self.eve)
        self.url = f"/pair/join/{self.invite.link_token}/"

    def open_link_and_sign_up(self, client: Client) -> None:
        """Open the link signed out, sign up as Frank and confirm from the e-mail."""
        client.get(self.url)
        sign_up_frank(client)
        confirm = link_in(mails_to("frank@example.org")[-1].body_text, "/confirm/")
        r = client.get(confirm, follow=True)
        self.assertContains(r, "Your e-mail is confirmed.")

    def test_newcomer_signs_up_and_lands_on_the_invite(self) -> None:
        r = self.client.get(self.url)
        self.assertRedirects(r, f"/sign-in/?next={self.url}", fetch_redirect_response=False)
        r = self.client.get(r["Location"])
        self.assertContains(r, INVITED_LINE)
        self.assertContains(r, 'href="/sign-up/"')
        r = self.client.get("/sign-up/")
        self.assertContains(r, INVITED_LINE)

        sign_up_frank(self.client)
        confirm = link_in(mails_to("frank@example.org")[-1].body_text, "/confirm/")
        # The confirmation link sends them to a bare sign-in page: still invited.
        r = self.client.get(confirm, follow=True)
        self.assertContains(r, "Your e-mail is confirmed.")
        self.assertContains(r, INVITED_LINE)

        r = self.client.post("/sign-in/", FRANK)
        self.assertRedirects(r, self.url, fetch_redirect_response=False)
        frank = User.objects.get(email="frank@example.org")
        self.assertIsNone(partner_of(frank))  # signing in alone pairs no one

        r = self.client.get(self.url)
        self.assertContains(r, "Pair with Eve?")
        self.assertIsNone(partner_of(frank))
        r = self.client.post(self.url)
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        self.assertEqual(partner_of(frank), self.eve)

    def test_the_invite_is_forgotten_once_opened_signed_in(self) -> None:
        self.open_link_and_sign_up(self.client)
        self.client.post("/sign-in/", FRANK)
        self.client.get(self.url)
        self.client.post("/sign-out/")
        r = self.client.post("/sign-in/", FRANK)
        self.assertRedirects(r, "/", fetch_redirect_response=False)

    def test_opening_the_link_signed_out_counts_and_changes_nothing(self) -> None:
        for _ in range(20):
            self.client.get(self.url)
            self.client.get("/pair/join/bogus/")
        self.assertFalse(RateCounter.objects.exists())
        self.invite.refresh_from_db()
        self.assertTrue(self.invite.is_live)
        self.assertIsNone(partner_of(self.eve))

    def test_a_signed_out_post_is_only_sent_to_sign_in(self) -> None:
        r = self.client.post(self.url)
        self.assertRedirects(r, f"/sign-in/?next={self.url}", fetch_redirect_response=False)
        self.assertNotContains(self.client.get("/sign-in/"), INVITED_LINE)

    def test_inviter_name_is_escaped(self) -> None:
        self.eve.display_name = "<b>Eve</b>"
        self.eve.save()
        self.client.get(self.url)
        for page in ("/sign-in/", "/sign-up/"):
            r = self.client.get(page)
            self.assertContains(r, "&lt;b&gt;Eve&lt;/b&gt; invited you", msg_prefix=page)
            self.assertNotContains(r, "<b>Eve</b>", msg_prefix=page)

    def test_bogus_link_is_not_carried_and_ends_kindly(self) -> None:
        self.client.get("/pair/join/no-such-invite/")
        self.assertNotContains(self.client.get("/sign-in/"), "invited you")
        self.client.get("/pair/join/a%00b/")
        self.assertNotContains(self.client.get("/sign-up/"), "invited you")

        sign_up_frank(self.client)
        self.client.get(link_in(mails_to("frank@example.org")[-1].body_text, "/confirm/"))
        r = self.client.post("/sign-in/", {**FRANK, "next": "/pair/join/no-such-invite/"})
        r = self.client.get(r["Location"], follow=True)
        self.assertContains(r, "That code doesn&#x27;t work.")

    def test_invite_that_expired_on_the_way_ends_kindly(self) -> None:
        self.open_link_and_sign_up(self.client)
        with time_machine.travel(timezone.now() + timedelta(hours=49), tick=False):
            # The sign-in page no longer names Eve, but signing in still comes back.
            self.assertNotContains(self.client.get("/sign-in/"), INVITED_LINE)
            r = self.client.post("/sign-in/", FRANK)
            self.assertRedirects(r, self.url, fetch_redirect_response=False)
            r = self.client.get(self.url, follow=True)
        self.assertContains(r, "Your invite from Eve has expired or been used.")
        self.assertIsNone(partner_of(self.eve))

    def test_invite_used_on_the_way_ends_kindly(self) -> None:
        self.open_link_and_sign_up(self.client)
        invite_create(inviter=self.eve)  # Eve made a fresh code: the first one stops
        self.client.post("/sign-in/", FRANK)
        r = self.client.get(self.url, follow=True)
        self.assertContains(r, "Your invite from Eve has expired or been used.")
        frank = User.objects.get(email="frank@example.org")
        self.assertIsNone(partner_of(frank))

    def test_next_never_leaves_the_site(self) -> None:
        self.open_link_and_sign_up(self.client)
        for target in ("https://evil.example", "//evil.example/", "javascript:alert(1)"):
            r = self.client.post("/sign-in/", {**FRANK, "next": target})
            self.assertRedirects(r, self.url, fetch_redirect_response=False, msg_prefix=target)
            self.client.post("/sign-out/")
            self.client.get(self.url)  # signing out empties the session: open the link again

    def test_someone_already_paired_is_refused_kindly(self) -> None:
        self.client.get(self.url)
        r = self.client.post("/sign-in/", {"email": "charlie@example.org", "password": PASSWORD})
        self.assertRedirects(r, self.url, fetch_redirect_response=False)
        r = self.client.post(self.url, follow=True)
        self.assertContains(r, "already paired")
        self.assertEqual(partner_of(self.charlie), self.dana)
        self.assertIsNone(partner_of(self.eve))
