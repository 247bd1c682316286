from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from nearer.lib import rituals
from nearer.lib.rituals import NavItem

# The core's own places; each ritual adds its own (nearer.lib.rituals.NavItem).
CORE_NAV = (
    NavItem(_("Today"), "home", order=0),
    NavItem(_("Practices"), "practices:list", order=50),
    NavItem(_("Us"), "couples:pair", order=80),
    NavItem(_("Me"), "accounts:account", order=90),
)


@dataclass(frozen=True)
class NavLink:
    label: Any
    url: str
    current: bool


def _links(request: HttpRequest) -> list[NavLink]:
    items = sorted((*CORE_NAV, *rituals.nav()), key=lambda item: item.order)
    links = []
    for item in items:
        url = reverse(item.url_name)
        # Today is current only on itself; every other place also over its sub-pages.
        current = request.path == url if url == "/" else request.path.startswith(url)
        links.append(NavLink(item.label, url, current))
    return links


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"navigation": SimpleLazyObject(lambda: _links(request))}
