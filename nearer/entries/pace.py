"""How fast one person may make entries of a kind.

Enough for any real conversation, far too few for a script: a reply every few seconds
for ten minutes is a lot of talking, and about 630 replies in three minutes is not. A
ritual names its pace (`Pace`) and passes it to `create_once`, which counts only rows it
really stores, so a double submit never uses up a try.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from nearer.accounts.models import User
from nearer.limits import counters


class TooFast(Exception):
    """More entries of a kind than its pace allows; the message says so kindly."""


@dataclass(frozen=True)
class Pace:
    scope: str  # the counter's name, e.g. "reply"
    limit: int  # entries per window
    window: int  # seconds

    def count(self, author: User) -> None:
        """Count one new entry; raise TooFast (and count nothing) past the limit."""
        if not counters.hit(
            f"pace:{self.scope}", str(author.pk), limit=self.limit, window=self.window
        ):
            minutes = max(1, self.window // 60)
            raise TooFast(
                _(
                    "That's a lot at once, so Nearer is taking a breath: nothing more "
                    "is saved for a few minutes (at most %(minutes)d). What you wrote "
                    "is still here to send then."
                )
                % {"minutes": minutes}
            )
