"""Nobody can flood an inbox through Nearer's on-request e-mails."""

from __future__ import annotations

from nearer.accounts.models import User
from nearer.testing import PASSWORD, BaseTestCase, mails_to


class MailLimitTestCase(BaseTestCase):
    def test_password_reset_mails_are_limited_per_address(self) -> None:
        for _ in range(6):
            response = self.client.post("/password-reset/", {"email": "alice@example.org"})
            assert response.status_code == 302  # the same answer every time
        assert len(mails_to("alice@example.org")) == 3

    def test_fresh_confirmation_links_are_limited_per_address(self) -> None:
        User.objects.create_user("new@example.org", PASSWORD, display_name="New")
        for _ in range(6):
            self.client.post("/sign-in/", {"email": "new@example.org", "password": PASSWORD})
        assert len(mails_to("new@example.org")) == 3
