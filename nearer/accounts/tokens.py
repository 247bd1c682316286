"""Signed, expiring links for confirming an e-mail address."""

from __future__ import annotations

from typing import NamedTuple

from django.core import signing

from nearer.accounts.models import User

_SALT = "nearer.accounts.confirm-email"
CONFIRM_MAX_AGE = 60 * 60 * 48


class ConfirmLink(NamedTuple):
    user_code: str
    email: str  # the address being confirmed
    from_email: str  # the account's address when the link was made


def make_confirm_token(user: User, email: str) -> str:
    # "f" ties the link to the account's address at the time: once the address changes,
    # older links (perhaps sitting in an inbox the person no longer trusts) stop working.
    data = {"u": str(user.code), "e": email.lower(), "f": user.email.lower()}
    return signing.dumps(data, salt=_SALT, compress=True)


def read_confirm_token(token: str) -> ConfirmLink | None:
    """The link's contents for a valid token, or None."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not {"u", "e"} <= data.keys():
        return None
    # Links made before "f" existed may only confirm the address they were sent to.
    return ConfirmLink(str(data["u"]), str(data["e"]), str(data.get("f", data["e"])))
