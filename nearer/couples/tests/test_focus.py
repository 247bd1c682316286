"""/pair/focus/: the practices a couple leans toward this month."""

from __future__ import annotations

import re

from django.core.management import call_command

from nearer.couples.models import Couple
from nearer.testing import BaseTestCase


class FocusTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_content", verbosity=0)

    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        response = self.client.post("/pair/focus/", {"practices": ["appreciation", "curiosity"]})
        assert response.status_code == 302
        assert Couple.objects.get(pk=self.couple.pk).focus == ["appreciation", "curiosity"]
        # Both partners share the couple's focus.
        self.sign_in(self.bob)
        page = self.client.get("/pair/").content.decode()
        assert re.search(r'value="appreciation"[^>]*checked', page)
        assert not re.search(r'value="patience"[^>]*checked', page)

    def test_at_most_two(self) -> None:
        self.sign_in(self.alice)
        picked = {"practices": ["appreciation", "curiosity", "patience"]}
        response = self.client.post("/pair/focus/", picked)
        assert response.status_code == 400
        assert "at most two" in response.content.decode()
        assert Couple.objects.get(pk=self.couple.pk).focus == []

    def test_unknown_practice_is_refused(self) -> None:
        self.sign_in(self.alice)
        response = self.client.post("/pair/focus/", {"practices": ["<script>x</script>"]})
        assert response.status_code == 400
        assert b"<script>x</script>" not in response.content

    def test_it_needs_a_partner(self) -> None:
        self.sign_in(self.eve)
        assert self.client.post("/pair/focus/", {"practices": ["appreciation"]}).status_code == 404

    def test_it_only_changes_your_own_couple(self) -> None:
        self.sign_in(self.charlie)
        self.client.post("/pair/focus/", {"practices": ["patience"]})
        assert Couple.objects.get(pk=self.couple.pk).focus == []
        assert Couple.objects.get(pk=self.other_couple.pk).focus == ["patience"]

    def test_it_requires_login(self) -> None:
        response = self.client.post("/pair/focus/", {"practices": ["appreciation"]})
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/")

    def test_it_refuses_get(self) -> None:
        self.sign_in(self.alice)
        assert self.client.get("/pair/focus/").status_code == 405
