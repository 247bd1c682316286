"""No page, template or practice text names a feature Nearer doesn't have yet.

PRODUCT.md plans many rituals; only some are built. A page that mentions "your journal"
or "the weekly check-in" before those exist promises what the couple can't find. Each
planned feature below is tied to the ritual app that would bring it: its words are
allowed once `nearer.lib.rituals.get(label)` is registered, and flagged until then.

Checked, case-insensitively and on word boundaries:
(a) the text of every GET page without URL parameters (for Alice, for Eve, who has no
    partner, and for an anonymous visitor), and every practice page;
(b) the practice catalogue (nearer/practices/content/); the questions and the listening
    coach's statements are left out: they talk about everyday life, where "a reminder"
    or "good news" is just that;
(c) every template file (nearer/templates/ and each app's templates/).

Many feature names are also everyday words ("Keeping promises" is a practice, "good
news" is good news). For those the pattern only matches the words used as a name: a
heading, link or button that is just the phrase, or the phrase followed by "ritual",
"page", "lets you" and the like (see `named`). Each entry says why it is written as it is.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from unittest import mock

from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from nearer.coach.models import PracticeStatement
from nearer.lib import rituals
from nearer.practices import content as practice_content
from nearer.practices.models import Practice
from nearer.questions.models import Question
from nearer.testing import BaseTestCase, sign_in

ROOT = Path(__file__).resolve().parents[2]
NEARER = ROOT / "nearer"

# What follows a feature's name when a sentence speaks of the feature itself.
_AS_A_NAME = (
    r"rituals?|pages?|screens?|tabs?|features?|sections?|lets you|let you|helps you|"
    r"reminds you|is due|are due|in nearer"
)


def named(phrase: str) -> str:
    """`phrase` used as the name of a feature: alone in a heading, link or button, or
    followed by a word like "ritual" or "lets you", or as "Nearer's <phrase>"."""
    return (
        rf"^(?:{phrase})[.!:]?$"
        rf"|\b(?:{phrase})\s+(?:{_AS_A_NAME})\b"
        rf"|\bnearer(?:'s|\u2019s)\s+(?:{phrase})\b"
    )


@dataclass(frozen=True)
class Feature:
    label: str  # the ritual app that would provide it (nearer.lib.rituals)
    pattern: str  # a regular expression, matched case-insensitively in each text
    why: str  # why these words, and why written this way


FEATURES = [
    # --- Built: here so that removing the ritual would flag its words ---------------
    Feature("questions", r"\btoday['\u2019]s questions?\b", "the questions ritual's name"),
    Feature(
        "coach",
        r"\blistening coach\b|\bpractice mode\b|\bhow might this land\b",
        "the listening coach and its practice mode (nearer/coach)",
    ),
    # --- Planned (PRODUCT.md) ---------------------------------------------------------
    Feature(
        "journal",
        r"\bjournal(?:s|ing)?\b",
        "In Nearer's own words a journal is the private Journal ritual; advice to write "
        "something down privately says so without the word.",
    ),
    Feature(
        "journal",
        r"\bencrypt(?:ed|ion|s)?\b|\bmood tags?\b",
        "Encryption at rest comes with the journal and drafts (PRODUCT.md, privacy "
        "model): until then no page may claim it. Mood tags are the journal's.",
    ),
    Feature(
        "appreciation",
        r"\bappreciation (?:jar|notes?)\b",
        "The jar and the notes are the ritual; 'appreciation' alone is a practice's name "
        "and an everyday word.",
    ),
    Feature(
        "checkins",
        named(r"(?:weekly )?check-ins?") + r"|\bstate of us\b",
        "'Pick a regular half hour for a weekly check-in and put it in both your "
        "calendars' (practice honest-conversation) is advice for the couple's own "
        "calendar, not the ritual: only the name is flagged.",
    ),
    Feature(
        "decks",
        r"\b(?:question )?decks?\b",
        "Question decks by theme; Nearer's copy uses 'deck' in no other sense.",
    ),
    Feature(
        "decks",
        r"\bknow-me quiz\b|\bquiz(?:zes)?\b",
        "The know-me quiz sits beside the decks in PRODUCT.md (Curiosity); if it becomes "
        "an app of its own, change the label.",
    ),
    Feature(
        "together",
        r"\bidea library\b|\btogether timer\b|\b(?:20|twenty)-minute (?:together )?timer\b"
        r"|\bmemories log\b|\bcalendar feed\b|\bmutual matches\b",
        "Time together's parts. 'Time together' itself is a practice's name, so it is not flagged.",
    ),
    Feature("health", r"\bhealth[- ]checks?\b", "The monthly health check."),
    Feature(
        "selfcare",
        r"\bself-care habits?\b|\bbattery status\b|\bhabit tracker\b",
        "'Self-care' is a practice's name and 'tell your partner how full your battery "
        "is' is advice; the habits and the shown status are the ritual.",
    ),
    Feature(
        "promises",
        named("promises"),
        "'Keeping promises' is a practice and 'small promises, kept, add up to trust' is "
        "everyday speech: only 'Promises' as a name (a heading or link of its own, 'the "
        "Promises ritual', 'Promises lets you') is flagged.",
    ),
    Feature(
        "reflect",
        named(r"reflect-back(?: turns?)?"),
        "'Try three reflect-back turns this week' (practice active-listening) is an "
        "exercise for the two of you; only the name of the ritual is flagged.",
    ),
    Feature("support", r"\bsupport requests?\b", "The 'rough day' support request."),
    Feature(
        "support",
        named("good news"),
        "Sharing good news is everyday ('When your partner shares good news…'); the Good "
        "news ritual is flagged only by name.",
    ),
    Feature(
        "goals",
        named(r"goals|personal goals") + r"|\bgoals and dreams\b|\byearly look back\b",
        "'Shared goals' is a practice's name and 'a personal goal they're working on' is "
        "advice; only the ritual's name is flagged.",
    ),
    Feature(
        "tender",
        r"\bshare something tender\b|\btender shares?\b",
        "The tender share; 'goes somewhere tender' (Today's question) is not its name.",
    ),
    Feature(
        "reminders",
        r"\breminders?\b|\b(?:we|nearer)(?: will|'ll|\u2019ll)? remind you\b"
        r"|\bnotif(?:y|ies|ied|ications?)\b|\bweb push\b|\bnudges?\b",
        "No reminder, notification or nudge is sent yet: any promise of one on a page is "
        "untrue. (Question texts, not checked here, may say 'a reminder' in passing.)",
    ),
    Feature("insights", named("insights"), "The insights charts, flagged by name."),
    Feature(
        "affection",
        r"\baffection preferences\b|\bpreferences and boundaries\b",
        "'Affection' is a practice's name; the written preferences are the ritual.",
    ),
    Feature(
        "dates",
        r"\bimportant dates\b|\bcountdowns?\b",
        "Anniversaries, birthdays and countdowns (PRODUCT.md, 'Also').",
    ),
    Feature(
        "therapist",
        r"\btherapist sharing\b|\bsession-prep report\b"
        r"|\b(?:invite|share with|shared with) (?:your|a|the) therapist\b",
        "Therapist sharing. The therapy practice's advice to see a counsellor is not it.",
    ),
    Feature(
        "pause",
        r"\bpause (?:a|any|one|the|this|your) rituals?\b|\bpause button\b",
        "Pausing a ritual is planned for the core, not a ritual app, so nothing registers "
        "'pause': until the core offers it, no page may suggest it. When it does, delete "
        "this entry.",
    ),
    # Not listed: the monthly focus ("focus plan"), which the core already offers (the
    # focus picker on the Us page, nearer.couples).
]

_COMPILED = [(f, re.compile(f.pattern, re.IGNORECASE)) for f in FEATURES]


def missing_features() -> list[tuple[Feature, re.Pattern[str]]]:
    return [(f, regex) for f, regex in _COMPILED if rituals.get(f.label) is None]


def violations(where: str, texts: Iterable[str]) -> list[str]:
    found = []
    unbuilt = missing_features()
    for text in texts:
        for feature, regex in unbuilt:
            if match := regex.search(text):
                found.append(
                    f"{where}: {text!r} names {match.group(0)!r}, but no ritual "
                    f"{feature.label!r} is installed"
                )
    return found


# --- Text out of pages and templates ----------------------------------------------

_SHOWN_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder", "aria-description"}


class _Texts(HTMLParser):
    """The text a person reads (or hears) on a page, one piece per element's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        values = dict(attrs)
        for name, value in attrs:
            if value and (
                name in _SHOWN_ATTRIBUTES
                or (name == "value" and values.get("type") in ("submit", "button"))
                or (name == "content" and values.get("name") == "description")
            ):
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.texts.append(data)


def _clean(texts: Iterable[str]) -> list[str]:
    return [t for t in (" ".join(text.split()) for text in texts) if t]


def html_texts(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    parser.close()
    return _clean(parser.texts)


_TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)
_TRANSLATE = re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.*?)\1.*?%\}""", re.S)
_BLOCK_TAGS = re.compile(r"\{%\s*(?:end)?blocktrans(?:late)?\b.*?%\}|\{%\s*plural\s*%\}", re.S)


def template_texts(source: str, *, html: bool) -> list[str]:
    """A template's words: translated strings and literal text; every other tag ends a
    piece of text, and a variable stands in as '⋯' (so it is never a name alone)."""
    source = _TEMPLATE_COMMENT.sub("", source)
    source = _TRANSLATE.sub(lambda m: m.group(2), source)
    source = _BLOCK_TAGS.sub("\n", source)
    source = re.sub(r"\{%.*?%\}", "\n", source, flags=re.S)
    source = re.sub(r"\{\{.*?\}\}", " \u22ef ", source, flags=re.S)
    return html_texts(source) if html else _clean(source.splitlines())


def template_files() -> list[Path]:
    folders = [NEARER / "templates", *NEARER.glob("*/templates")]
    return sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def parameterless_urls(
    patterns: Iterable[URLPattern | URLResolver], prefix: str = "/"
) -> Iterator[str]:
    for entry in patterns:
        pattern = entry.pattern
        if getattr(pattern, "converters", None) or pattern.regex.groups:
            continue
        url = prefix + str(pattern)
        if isinstance(entry, URLResolver):
            yield from parameterless_urls(entry.url_patterns, url)
        else:
            yield url


class HonestWordsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_content", verbosity=0)

    def _content_words(self) -> str:
        """The questions' and the coach statements' words, which pages show but which
        are allowed their everyday language."""
        texts = [s for q in Question.objects.values_list("texts", flat=True) for s in strings_in(q)]
        texts += [
            s
            for t in PracticeStatement.objects.values_list("texts", flat=True)
            for s in strings_in(t)
        ]
        return "\n".join(texts)

    def page_texts(self) -> Iterator[tuple[str, list[str]]]:
        content = self._content_words()
        urls = list(parameterless_urls(get_resolver().url_patterns))
        urls += [f"/practices/{p.slug}/" for p in Practice.objects.filter(retired=False)]
        for who in (self.alice, self.eve, None):
            for url in urls:
                client = Client()
                if who is not None:
                    sign_in(client, who)
                response = client.get(url)
                if response.status_code != 200 or not response["Content-Type"].startswith(
                    "text/html"
                ):
                    continue
                texts = [
                    t
                    for t in html_texts(response.content.decode())
                    # A question or statement (perhaps shortened with "…") on the page.
                    if len(t) < 20 or t.rstrip("\u2026. ") not in content
                ]
                yield f"{url} ({who.display_name if who else 'anonymous'})", texts

    def test_pages_name_only_installed_features(self) -> None:
        found, pages = [], set()
        for where, texts in self.page_texts():
            pages.add(where.split(" ")[0])
            found += violations(where, texts)
        # The walk really saw the pages (Today, the practices, each practice, …).
        self.assertIn("/", pages)
        self.assertIn("/practices/patience/", pages)
        self.assertGreater(len(pages), 20)
        self.assertEqual(found, [], "\n".join(found))

    def test_practice_content_names_only_installed_features(self) -> None:
        found, files = [], sorted((NEARER / "practices" / "content").rglob("*.toml"))
        self.assertTrue(files)
        for path in files:
            # The words a person reads; slugs are ids ("promises" is one).
            shown = [
                text
                for item in tomllib.loads(path.read_text())["practice"]
                for name in practice_content.FIELDS
                for text in strings_in(item.get(name))
            ]
            self.assertTrue(shown)
            found += violations(str(path.relative_to(ROOT)), shown)
        self.assertEqual(found, [], "\n".join(found))

    def test_templates_name_only_installed_features(self) -> None:
        found, files = [], template_files()
        self.assertGreater(len(files), 20)
        for path in files:
            texts = template_texts(path.read_text(), html=path.suffix == ".html")
            found += violations(str(path.relative_to(ROOT)), texts)
        self.assertEqual(found, [], "\n".join(found))

    def test_every_label_is_a_plain_app_label(self) -> None:
        for feature in FEATURES:
            self.assertRegex(feature.label, r"^[a-z]+$")
            self.assertTrue(feature.why)

    def test_an_uninstalled_ritual_is_caught(self) -> None:
        # A guard on the guard: without the questions ritual, its name on Today is
        # flagged; so is a made-up sentence naming an unbuilt feature.
        registered = rituals.get
        with mock.patch.object(
            rituals, "get", lambda label: None if label == "questions" else registered(label)
        ):
            found = [v for where, texts in self.page_texts() for v in violations(where, texts)]
        self.assertTrue(any("today's question" in v.lower() for v in found), found)
        self.assertTrue(violations("x", ["Write it in your journal tonight."]))
        self.assertTrue(violations("x", ["Promises"]))
        self.assertTrue(violations("x", ["The Promises ritual keeps track."]))
        self.assertTrue(violations("x", ["Your weekly check-in is due"]))
        template = (
            '<h2>{% translate "Promises" %}</h2><p title="{% trans \'Your journal\' %}">x</p>'
        )
        self.assertEqual(len(violations("x", template_texts(template, html=True))), 2)
        # A variable next to the word makes it no longer a name on its own.
        counted = template_texts("<h2>{{ n }} promises</h2>", html=True)
        self.assertEqual(violations("x", counted), [])

    def test_everyday_words_are_not_caught(self) -> None:
        for text in [
            "Keeping promises",
            "Small promises, kept, add up to trust.",
            "Pick a regular half hour for a weekly check-in and put it in both your calendars.",
            "When your partner shares good news, ask them to tell you the whole story.",
            "Tell your partner how full your battery is today, on a scale from one to five.",
            "Try three reflect-back turns this week and let the speaker say how close you came.",
            "Shared goals",
            "Affection",
            "Time together",
        ]:
            with self.subTest(text=text):
                self.assertEqual(violations("x", [text]), [])
