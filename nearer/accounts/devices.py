"""A signed-in browser as a person would name it: "Firefox on Android", not the raw
user-agent string ("Mozilla/5.0 (X11…")."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import gettext as _
from ua_parser import parse


@lru_cache(maxsize=512)  # a person has a handful of browsers; parsing is not free
def device_label(user_agent: str) -> str:
    if not user_agent.strip():
        return _("A browser")
    found = parse(user_agent)
    browser = found.user_agent.family if found.user_agent else ""
    system = found.os.family if found.os else ""
    device = found.device.family if found.device else ""
    if browser in ("", "Other"):
        return _("A browser") if system in ("", "Other") else system
    label = (
        browser
        if system in ("", "Other")
        else _("%(browser)s on %(system)s")
        % {
            "browser": browser,
            "system": system,
        }
    )
    # A phone's model helps tell two phones apart; "Other", "K", "Mac" and the like don't.
    if device and device not in ("Other", "Generic Smartphone", "K", "Mac", system):
        label = f"{label} ({device})"
    return label
