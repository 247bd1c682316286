from __future__ import annotations

import json

from nearer.couples.services import couple_end
from nearer.testing import BaseTestCase


class ExportTestCase(BaseTestCase):
    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/pair/export/")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Content-Type"], "application/json")
        self.assertRegex(
            r["Content-Disposition"],
            r'^attachment; filename="nearer-shared-\d{4}-\d{2}-\d{2}\.json"$',
        )
        self.assertIn("no-store", r["Cache-Control"])
        data = json.loads(r.content)
        self.assertEqual(data["exported_by"], "Alice")
        self.assertIn("entries", data)

    def test_it_requires_login(self) -> None:
        r = self.client.get("/pair/export/")
        self.assertRedirects(r, "/sign-in/?next=/pair/export/", fetch_redirect_response=False)

    def test_it_hides_from_other_couples(self) -> None:
        self.sign_in(self.charlie)
        r = self.client.get("/pair/export/")
        self.assertNotIn(b"Alice", r.content)
        self.assertNotIn(b"Bob", r.content)

    def test_partner_cannot_see_it(self) -> None:
        # Once unpaired, there is no shared history to take.
        couple_end(couple=self.couple)
        self.sign_in(self.bob)
        self.assertEqual(self.client.get("/pair/export/").status_code, 404)

    def test_unpaired_person_gets_404(self) -> None:
        self.sign_in(self.eve)
        self.assertEqual(self.client.get("/pair/export/").status_code, 404)
