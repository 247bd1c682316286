"""The ritual contract, checked for every ritual the registry holds (nearer.lib.rituals).

Nothing here names a ritual: each test walks `rituals.installed()` and what it
declares, so a new ritual is checked the moment its AppConfig registers it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib import import_module
from io import StringIO
from typing import Any
from unittest import mock

from django.apps import apps
from django.core.management import call_command
from django.db.models import CharField, Model, TextField
from django.http import HttpRequest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse

from nearer.accounts.models import User
from nearer.couples.models import Couple
from nearer.entries.export import shared_history
from nearer.entries.models import Entry
from nearer.lib import rituals
from nearer.lib.rituals import TodayCard
from nearer.practices.models import Practice
from nearer.testing import BaseTestCase, sign_in
from nearer.today.management.commands.demo import PEOPLE


@dataclasses.dataclass(frozen=True)
class CardCall:
    card: TodayCard  # as registered
    request: HttpRequest
    result: Mapping[str, Any] | None


def _recording(card: TodayCard, calls: list[CardCall]) -> TodayCard:
    def data(request: HttpRequest, user: Any, pairing: Any) -> Mapping[str, Any] | None:
        result = card.data(request, user, pairing)
        calls.append(CardCall(card, request, result))
        return result

    return dataclasses.replace(card, data=data)


@contextmanager
def card_calls() -> Iterator[list[CardCall]]:
    """Every registered card's data function, wrapped to record each call and result."""
    calls: list[CardCall] = []
    recording = {
        r.label: dataclasses.replace(r, cards=tuple(_recording(c, calls) for c in r.cards))
        for r in rituals.installed()
    }
    with mock.patch.dict(rituals._registry, recording):
        yield calls


def entry_models() -> list[type[Entry]]:
    """Every concrete Entry subclass Django knows, declared or not."""
    return [m for m in apps.get_models() if issubclass(m, Entry) and not m._meta.proxy]


def _written_fields(model: type[Model]) -> list[CharField[Any, Any] | TextField[Any, Any]]:
    """The fields holding words someone wrote (or was shown): text without choices."""
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, CharField | TextField) and not f.choices
    ]


def _strings(value: Any) -> Iterator[str]:
    """Every string in an export's values, however nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


class RegistryTestCase(BaseTestCase):
    """What each ritual declares, checked against the app it lives in."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_content", verbosity=0)

    def test_rituals_are_registered(self) -> None:
        self.assertTrue(rituals.installed(), "no ritual registered: every test here is empty")

    def test_every_entry_model_is_declared_by_its_own_ritual(self) -> None:
        self.assertTrue(entry_models())
        for model in entry_models():
            with self.subTest(model=model._meta.label):
                owners = [r.label for r in rituals.installed() for m in r.entry_types if m is model]
                self.assertEqual(
                    owners,
                    [model._meta.app_label],
                    f"{model._meta.label} must be in the entry_types of the ritual "
                    f"{model._meta.app_label!r}, once, and of no other ritual",
                )

    def test_declared_models_belong_to_the_ritual(self) -> None:
        for ritual in rituals.installed():
            for model in (*ritual.entry_types, *ritual.watched):
                with self.subTest(ritual=ritual.label, model=model._meta.label):
                    self.assertEqual(model._meta.app_label, ritual.label)
                    self.assertFalse(model._meta.abstract or model._meta.proxy)
            for model in ritual.entry_types:
                self.assertTrue(issubclass(model, Entry), f"{model._meta.label} is no Entry")
            for model in ritual.watched:
                self.assertNotIn(model, ritual.entry_types, f"{model._meta.label} listed twice")

    def test_each_ritual_is_an_installed_app(self) -> None:
        for ritual in rituals.installed():
            with self.subTest(ritual=ritual.label):
                self.assertTrue(apps.is_installed(f"nearer.{ritual.label}"))
                self.assertEqual(apps.get_app_config(ritual.label).name, f"nearer.{ritual.label}")

    def test_a_mounted_ritual_has_a_namespaced_urls_module(self) -> None:
        for ritual in rituals.installed():
            if ritual.url_prefix is None:
                continue
            with self.subTest(ritual=ritual.label):
                self.assertTrue(ritual.url_prefix.endswith("/"), ritual.url_prefix)
                self.assertFalse(ritual.url_prefix.startswith("/"), ritual.url_prefix)
                urls = import_module(f"nearer.{ritual.label}.urls")
                self.assertTrue(
                    getattr(urls, "app_name", None), f"nearer.{ritual.label}.urls has no app_name"
                )

    def test_every_url_name_reverses(self) -> None:
        for ritual in rituals.installed():
            for url_name in [i.url_name for i in ritual.nav] + [
                n.url_name for n in ritual.practices
            ]:
                with self.subTest(ritual=ritual.label, url_name=url_name):
                    try:
                        reverse(url_name)
                    except NoReverseMatch:
                        self.fail(f"{ritual.label} names the URL {url_name!r}, which doesn't exist")

    def test_every_template_exists(self) -> None:
        for ritual in rituals.installed():
            names = [c.template for c in ritual.cards] + list(ritual.reply_tools)
            for name in names:
                with self.subTest(ritual=ritual.label, template=name):
                    try:
                        get_template(name)
                    except TemplateDoesNotExist:
                        self.fail(
                            f"{ritual.label} names the template {name!r}, which doesn't exist"
                        )

    def test_every_practice_note_is_about_a_practice(self) -> None:
        practices = set(Practice.objects.filter(retired=False).values_list("slug", flat=True))
        self.assertTrue(practices, "load_content loaded no practice")
        for ritual in rituals.installed():
            for note in ritual.practices:
                with self.subTest(ritual=ritual.label, practice=note.practice):
                    self.assertIn(note.practice, practices, f"{ritual.label}: no such practice")

    def test_card_names_are_unique(self) -> None:
        names = Counter(card.name for card in rituals.cards())
        self.assertEqual([n for n, count in names.items() if count > 1], [])

    @override_settings(PAGE_CACHE=False)
    def test_each_card_gives_a_mapping_or_none(self) -> None:
        for person in (self.alice, self.eve):
            with self.subTest(person=person.display_name):
                client = Client()
                sign_in(client, person)
                with card_calls() as calls:
                    self.assertEqual(client.get("/").status_code, 200)
                self.assertEqual([c.card.name for c in calls], [c.name for c in rituals.cards()])
                for call in calls:
                    self.assertTrue(
                        call.result is None or isinstance(call.result, Mapping),
                        f"the card {call.card.name!r} gave {type(call.result).__name__}",
                    )


class ExportTestCase(BaseTestCase):
    """Every entry type, exported from the demo couple's history (`manage.py demo`)."""

    first: User
    second: User
    demo_couple: Couple

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_content", verbosity=0)
        call_command("demo", stdout=StringIO())
        cls.first, cls.second = (User.objects.get(email=email) for _, email, _ in PEOPLE)
        cls.demo_couple = Couple.objects.get(memberships__user=cls.first)

    def demo_rows(self, model: type[Entry]) -> list[Entry]:
        rows = list(model.objects.filter(author__in=[self.first, self.second]).order_by("pk"))
        self.assertTrue(
            rows,
            f"the ritual's demo makes no {model._meta.label} rows, so nothing checks its export",
        )
        return rows

    def test_every_entry_type_exports_its_text(self) -> None:
        for model in rituals.entry_types():
            with self.subTest(model=model._meta.label):
                assert issubclass(model, Entry)
                written = _written_fields(model)
                self.assertTrue(written, f"{model._meta.label} holds no text to export")
                for row in self.demo_rows(model):
                    exported = row.export_fields()
                    self.assertTrue(exported, f"{model._meta.label} exports nothing")
                    values = set(_strings(exported))
                    for field in written:
                        value = getattr(row, field.attname)
                        if value:
                            self.assertIn(
                                value,
                                values,
                                f"{model._meta.label}'s export leaves out {field.name}",
                            )

    def test_the_shared_history_has_every_entry_type(self) -> None:
        for person in (self.first, self.second):
            data = shared_history(person, self.demo_couple)
            for model in rituals.entry_types():
                with self.subTest(person=person.display_name, model=model._meta.label):
                    assert issubclass(model, Entry)
                    section = data["entries"].get(model._meta.label_lower)
                    self.assertIsNotNone(section, f"the export has no {model._meta.label} section")
                    visible = model.objects.visible_to(person, self.demo_couple)
                    rows = {str(e.code): e for e in visible.filter(couple=self.demo_couple)}
                    self.assertTrue(rows, f"{person.display_name} may see no demo {model}")
                    self.assertEqual({item["code"] for item in section}, set(rows))
                    for item in section:
                        exported = rows[item["code"]].export_fields()
                        self.assertEqual({k: item.get(k) for k in exported}, exported)

    def test_every_entry_type_says_what_it_exports(self) -> None:
        for model in rituals.entry_types():
            with self.subTest(model=model._meta.label):
                assert issubclass(model, Entry)
                self.assertIsNot(model.export_fields, Entry.export_fields)
                # What an entry type that did not say would do: refuse, never export nothing.
                with self.assertRaises(NotImplementedError):
                    Entry.export_fields(model())
