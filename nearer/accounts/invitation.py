"""Who invited a signed-out visitor, kept in that visitor's own session.

Someone who opens a partner's invite link is nearly always new to Nearer, so they must
sign up, confirm their address and sign in before they can accept. nearer.couples notes
the invite here when the link is opened; the sign-up and sign-in pages then say who
invited them, and signing in brings them back to the link to accept it. Django keeps
the session's data across sign-in (login() only rotates the key), and confirming the
address in the same browser keeps it too. Confirmed in another browser, whose session
holds no note, signing in there goes home as usual; signing in back in the first
browser still comes to the link.

Accounts sits below couples, so the note holds only what these pages need: the
inviter's name, the link's path and when the invite expires. It never decides anything:
the link page looks the invite up again and pairs only on the invitee's own POST.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

INVITED = "nearer_invited"


@dataclass(frozen=True)
class Invitation:
    inviter: str  # a display name, shown escaped like any other
    path: str  # where to go to accept: the link itself
    until: float  # when the invite expires, as a timestamp

    @property
    def is_live(self) -> bool:
        return self.until > time.time()


def invitation_remember(request: HttpRequest, *, inviter: str, path: str, until: datetime) -> None:
    request.session[INVITED] = {"inviter": inviter, "path": path, "until": until.timestamp()}


def invitation_read(request: HttpRequest) -> Invitation | None:
    """The invitation noted in this session, live or expired (the link's page then says
    kindly that it ran out), or None."""
    note = request.session.get(INVITED)
    if not isinstance(note, dict):
        return None
    try:
        invitation = Invitation(str(note["inviter"]), str(note["path"]), float(note["until"]))
    except (KeyError, TypeError, ValueError):
        return None
    # The path was ours when noted; it is checked again, as any redirect target is.
    if not url_has_allowed_host_and_scheme(invitation.path, allowed_hosts=None):
        return None
    return invitation


def invitation_forget(request: HttpRequest) -> Invitation | None:
    """Drop the note, now that its link has been opened signed in, and return it."""
    invitation = invitation_read(request)
    request.session.pop(INVITED, None)
    return invitation
