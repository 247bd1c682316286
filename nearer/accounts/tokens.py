"""Signed, expiring links for confirming an e-mail address."""

from __future__ import annotations

from django.core import signing

from nearer.accounts.models import User

_SALT = "nearer.accounts.confirm-email"
CONFIRM_MAX_AGE = 60 * 60 * 48


def make_confirm_token(user: User, email: str) -> str:
    return signing.dumps({"u": str(user.code), "e": email.lower()}, salt=_SALT, compress=True)


def read_confirm_token(token: str) -> tuple[str, str] | None:
    """Return (user code, e-mail) for a valid token, or None."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not {"u", "e"} <= data.keys():
        return None
    return str(data["u"]), str(data["e"])
