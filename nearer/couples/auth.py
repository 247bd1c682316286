"""Who is signed in, and who they are paired with: one query per request.

Django's model backend signs people in; `get_user`, which runs on every signed-in
request, reads the person together with their current pairing (which almost every page
needs) and leaves the pairing for `request_pairing`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from nearer.accounts.models import User
from nearer.couples.pairing import PAIRING_ATTRIBUTE, person_with_pairing


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            found = person_with_pairing(int(user_id))
        except (TypeError, ValueError):
            return None
        if found is None:
            return None
        user, pairing = found
        setattr(user, PAIRING_ATTRIBUTE, pairing)
        return user if self.user_can_authenticate(user) else None
