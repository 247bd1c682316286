from __future__ import annotations

from django.test import Client

from nearer.couples.models import Couple, Membership
from nearer.couples.pairing import pairing_for
from nearer.testing import BaseTestCase, partner_of, sign_in


class UnpairTestCase(BaseTestCase):
    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/pair/unpair/")
        self.assertContains(r, "You and Bob will stop seeing")
        self.assertContains(r, 'href="/pair/export/"')

        r = self.client.post("/pair/unpair/", {"confirm": "on"})
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        self.assertIsNone(pairing_for(self.alice))
        self.assertIsNone(pairing_for(self.bob))
        couple = Couple.objects.get(pk=self.couple.pk)
        self.assertIsNotNone(couple.ended_at)
        # Memberships stay as history, inactive.
        self.assertEqual(
            list(Membership.objects.filter(couple=couple).values_list("active", flat=True)),
            [False, False],
        )

    def test_it_acts_at_once_for_the_partner(self) -> None:
        bob = Client()
        sign_in(bob, self.bob)
        self.assertContains(bob.get("/pair/"), "You and Alice")

        self.sign_in(self.alice)
        self.client.post("/pair/unpair/", {"confirm": "on"})

        # Bob's very next request: no partner, no shared history.
        r = bob.get("/pair/")
        self.assertNotContains(r, "Alice")
        self.assertContains(r, "Pair with your partner")
        self.assertEqual(bob.get("/pair/unpair/").status_code, 404)
        self.assertEqual(bob.get("/pair/export/").status_code, 404)

    def test_it_requires_login(self) -> None:
        r = self.client.get("/pair/unpair/")
        self.assertRedirects(r, "/sign-in/?next=/pair/unpair/", fetch_redirect_response=False)
        r = self.client.post("/pair/unpair/", {"confirm": "on"})
        self.assertEqual(r.status_code, 302)
        self.assertIsNotNone(pairing_for(self.alice))

    def test_it_needs_the_checkbox(self) -> None:
        self.sign_in(self.alice)
        for data in ({}, {"confirm": ""}, {"confirm": "false"}):
            r = self.client.post("/pair/unpair/", data)
            self.assertContains(r, "Please fill this in.", msg_prefix=str(data))
        self.assertIsNotNone(pairing_for(self.alice))

    def test_unpaired_person_gets_404(self) -> None:
        self.sign_in(self.eve)
        self.assertEqual(self.client.get("/pair/unpair/").status_code, 404)
        self.assertEqual(self.client.post("/pair/unpair/", {"confirm": "on"}).status_code, 404)

    def test_it_hides_from_other_couples(self) -> None:
        # Charlie can only ever end his own couple.
        self.sign_in(self.charlie)
        r = self.client.get("/pair/unpair/")
        self.assertNotContains(r, "Alice")
        self.assertNotContains(r, "Bob")
        self.client.post("/pair/unpair/", {"confirm": "on"})
        self.assertIsNone(pairing_for(self.charlie))
        self.assertEqual(partner_of(self.alice), self.bob)

    def test_partner_cannot_see_it(self) -> None:
        # Once unpaired, either side's unpair page is gone.
        self.sign_in(self.alice)
        self.client.post("/pair/unpair/", {"confirm": "on"})
        sign_in(self.client, self.bob)
        self.assertEqual(self.client.get("/pair/unpair/").status_code, 404)
