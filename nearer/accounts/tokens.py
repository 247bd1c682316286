"""Signed, expiring links for confirming an e-mail address."""

from __future__ import annotations

from typing import Literal, NamedTuple

from django.core import signing
from django.utils.crypto import salted_hmac

from nearer.accounts.models import User

_SALT = "nearer.accounts.confirm-email"
CONFIRM_MAX_AGE = 60 * 60 * 48


class ConfirmLink(NamedTuple):
    user_code: str
    email: str  # the address being confirmed
    from_email: str  # the account's address when the link was made
    state: str | None  # the account's confirmation state then (None: an older link)


def _confirm_state(user: User) -> str:
    # When the account's address was last confirmed. Confirming moves it, so a link
    # works once, as Django's password-reset links stop once last_login moves.
    at = user.email_confirmed_at
    stamp = "" if at is None else str(int(at.timestamp() * 1_000_000))
    return salted_hmac(_SALT, f"{user.pk}:{stamp}").hexdigest()[:16]


def make_confirm_token(user: User, email: str) -> str:
    # "f" ties the link to the account's address at the time: once the address changes,
    # older links (perhaps sitting in an inbox the person no longer trusts) stop working.
    data = {"u": str(user.code), "e": email.lower(), "f": user.email.lower()}
    data["c"] = _confirm_state(user)
    return signing.dumps(data, salt=_SALT, compress=True)


def read_confirm_token(token: str, max_age: int | None = CONFIRM_MAX_AGE) -> ConfirmLink | None:
    """The link's contents for a valid token, or None. `max_age=None` reads expired
    links too (account deletion finds the person's e-mails by them)."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not {"u", "e"} <= data.keys():
        return None
    # Links made before "f" existed may only confirm the address they were sent to.
    from_email = str(data.get("f", data["e"]))
    state = str(data["c"]) if "c" in data else None
    return ConfirmLink(str(data["u"]), str(data["e"]), from_email, state)


def confirm_link_status(user: User, link: ConfirmLink) -> Literal["open", "used", "stale"]:
    """What a link can do now. `open`: confirm its address. `used`: nothing, it has done
    its work (its address is the account's, confirmed since the link was made).
    `stale`: nothing, like a link made before the account's address changed."""
    done = user.email_confirmed_at is not None and user.email.lower() == link.email
    # Links made before "c" existed: open until their address is confirmed.
    fresh = not done if link.state is None else link.state == _confirm_state(user)
    if fresh and user.email.lower() == link.from_email:
        return "open"
    return "used" if done else "stale"
