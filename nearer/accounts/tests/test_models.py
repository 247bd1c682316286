from __future__ import annotations

from django.db import IntegrityError, transaction

from nearer.accounts.models import User
from nearer.testing import BaseTestCase


class UserModelTestCase(BaseTestCase):
    def test_email_is_unique_regardless_of_case_in_the_database(self) -> None:
        with self.assertRaises(IntegrityError), transaction.atomic():
            User.objects.create_user("ALICE@EXAMPLE.ORG", "x" * 12, display_name="Imposter")

    def test_sign_in_name_matches_regardless_of_case(self) -> None:
        self.assertEqual(User.objects.get_by_natural_key("Alice@Example.Org"), self.alice)

    def test_time_zone_is_usable(self) -> None:
        self.assertEqual(str(self.bob.zone), "America/New_York")
