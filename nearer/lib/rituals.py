"""The ritual contract: what each ritual tells the shared machinery, declared in one place.

A ritual (Today's question, the listening coach, and each one after them) is one Django
app with a `ritual.py` that builds one `Ritual`; its AppConfig.ready() calls `register`.
The core never names a ritual. Today composes the cards of every ritual; the export and
account deletion walk the entry types; `load_content` runs the loaders; the worker runs
the jobs; the coach's reply check finds what can be replied to; the navigation, the
practice pages and the focus picker say only what the installed rituals offer; the
URL tree mounts each ritual's `urls` module; kept pages stay fresh for every model
listed here (nearer.keptpages.freshness). Tests walk this registry, so a ritual is
checked the moment it registers.

Plain data and functions, in the spirit of Wagtail's hooks: nothing here imports a
ritual, and registering runs no query.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Model
from django.http import HttpRequest
from django.utils.functional import Promise

Text = str | Promise  # plain or lazily translated


@dataclass(frozen=True)
class TodayCard:
    """One card on Today: a template (a partial, `"app/file.html#card"`) and the
    function that fills it.

    `data(request, user, pairing)` returns the template's context, or None when the card
    has nothing to show today. It runs a fixed number of queries whatever the length of
    the couple's history, and shows only what the kept-page key covers: rows of the
    ritual's `entry_types` and `watched` models, the two people and the content.
    """

    name: str
    template: str
    data: Callable[[HttpRequest, Any, Any], Mapping[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class ReplyTarget:
    """Something a partner shared that a reply answers (for the coach's reply check)."""

    code: UUID
    message: str  # what the partner shared, which the reply answers
    send_url: str  # where the reply form posts
    title: str  # what is being replied to, for the page shown without JavaScript


@dataclass(frozen=True)
class ReplyKind:
    """Entries of a ritual that take replies. `find(request, code)` is the ritual's own
    access door: it returns what this person may already see, or raises Http404."""

    kind: str  # the `<kind>` in the check form's `about="<kind>:<code>"`
    find: Callable[[HttpRequest, UUID], ReplyTarget]


@dataclass(frozen=True)
class NavItem:
    label: Text
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class PracticeNote:
    """What the ritual offers for one practice, for that practice's "In Nearer" section.
    Say only what the ritual does now: the words grow with the product."""

    practice: str  # the practice's slug
    text: Text
    url_name: str  # where to try it
    link_label: Text


@dataclass(frozen=True)
class Ritual:
    label: str  # the app's label, e.g. "questions"
    name: Text  # as a couple knows it, e.g. "Today's question"
    # Mounted at /<url_prefix> from the app's `urls` module; None for a ritual without pages.
    url_prefix: str | None = None
    # Every Entry subclass of the app: exported, deleted with their author, kept fresh.
    entry_types: tuple[type[Model], ...] = ()
    # Other models whose rows a kept page shows (a day's question, a read mark): any
    # change to one moves the state that keys the page.
    watched: tuple[type[Model], ...] = ()
    cards: tuple[TodayCard, ...] = ()
    reply_kinds: tuple[ReplyKind, ...] = ()
    # Templates shown under every reply form of every ritual (the coach's "How might
    # this land?"), given `kind` and `code`; see the `reply_tools` template tag.
    reply_tools: tuple[str, ...] = ()
    # Content loaders, run by `manage.py load_content` in ritual order; each returns a
    # line saying what it loaded.
    content: tuple[Callable[[], str], ...] = ()
    # Worker jobs: each returns True when it did something (nearer.worker).
    jobs: tuple[Callable[[], bool], ...] = ()
    nav: tuple[NavItem, ...] = ()
    practices: tuple[PracticeNote, ...] = ()
    # What the couple's monthly focus changes in this ritual, for the focus picker.
    focus: Text | None = None
    # Fills a demo couple's history (`manage.py demo`): demo(first, second, couple).
    demo: Callable[[Any, Any, Any], None] | None = None
    order: int = 100  # the ritual's place in every list above


_registry: dict[str, Ritual] = {}


def register(ritual: Ritual) -> None:
    """Called from the ritual's AppConfig.ready(); registering twice is an error."""
    if ritual.label in _registry and _registry[ritual.label] != ritual:
        raise ValueError(f"the ritual {ritual.label!r} is registered twice")
    _registry[ritual.label] = ritual


def installed() -> list[Ritual]:
    """Every registered ritual, in order."""
    return sorted(_registry.values(), key=lambda r: (r.order, r.label))


def get(label: str) -> Ritual | None:
    return _registry.get(label)


def cards() -> list[TodayCard]:
    return sorted((c for r in installed() for c in r.cards), key=lambda c: c.order)


def reply_kind(kind: str) -> ReplyKind | None:
    return next((k for r in installed() for k in r.reply_kinds if k.kind == kind), None)


def reply_tools() -> list[str]:
    return [template for r in installed() for template in r.reply_tools]


def entry_types() -> list[type[Model]]:
    return [model for r in installed() for model in r.entry_types]


def watched_models() -> list[type[Model]]:
    """Every model whose rows a kept page may show: entries and watched models."""
    return [model for r in installed() for model in (*r.entry_types, *r.watched)]


def nav() -> list[NavItem]:
    return sorted((item for r in installed() for item in r.nav), key=lambda i: i.order)


def practice_notes(slug: str) -> list[PracticeNote]:
    return [note for r in installed() for note in r.practices if note.practice == slug]


def focus_effects() -> list[Text]:
    return [r.focus for r in installed() if r.focus is not None]


def content_loaders() -> list[Callable[[], str]]:
    return [loader for r in installed() for loader in r.content]


def jobs() -> list[Callable[[], bool]]:
    return [job for r in installed() for job in r.jobs]
