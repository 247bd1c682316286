"""Kept pages stay fresh for every watched model (nearer.keptpages.freshness).

Each test walks `freshness.watched()`: the memberships and every ritual's entry types
and watched models, so a new ritual is covered the moment it registers. The rows come
from each ritual's demo, filled for Alice and Bob (as `manage.py demo` fills Sam and
Alex), or are made here when a ritual's demo has none.
"""

from __future__ import annotations

import functools
import operator
from datetime import timedelta
from typing import Any
from unittest import mock

import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F, Field, ForeignKey, Model, Q
from django.test import Client
from django.utils import timezone

from nearer.accounts.models import User
from nearer.couples.models import Couple, Membership
from nearer.keptpages import freshness
from nearer.keptpages.models import CachedPage
from nearer.lib import rituals
from nearer.lib.models import KeepsStateVersion
from nearer.lib.rituals import Ritual
from nearer.testing import BaseTestCase, sign_in

# Tomorrow at noon UTC: after every row setUpTestData made, one calendar date for all.
NOON = (timezone.now() + timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)


class _RolledBack(Exception):
    pass


def _plain_field(model: type[Model]) -> Field[Any, Any]:
    """A concrete column to `SET x = x`: a plain one where the model has any."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    return next((f for f in fields if not f.is_relation), fields[0])


def _touch(model: type[Model], row: Model) -> None:
    """An UPDATE that changes nothing: the trigger fires all the same."""
    field = _plain_field(model)
    updated = model._default_manager.filter(pk=row.pk).update(**{field.name: F(field.name)})
    assert updated == 1


class FreshnessTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_content", verbosity=0)
        for ritual in rituals.installed():
            if ritual.demo is not None:
                ritual.demo(cls.alice, cls.bob, cls.couple)

    def setUp(self) -> None:
        super().setUp()
        traveller = time_machine.travel(NOON, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    # --- rows and versions --------------------------------------------------------

    def _keyed_by(self, model: type[Model]) -> dict[str, tuple[str, int]]:
        """Each column of `model` holding a person or a couple, with whose version it
        moves and Alice's or her couple's id. Read off the model here, not off
        freshness.targets, so a column the triggers miss is caught."""
        keyed = {}
        for field in model._meta.concrete_fields:
            if isinstance(field, ForeignKey) and field.related_model is User:
                keyed[field.attname] = ("Alice", self.alice.pk)
            elif isinstance(field, ForeignKey) and field.related_model is Couple:
                keyed[field.attname] = ("Alice's couple", self.couple.pk)
        self.assertTrue(keyed, f"{model._meta.label} points to no couple or person")
        return keyed

    def row_for(self, model: type[Model]) -> Model:
        """A row of `model` pointing to Alice's couple or to Alice."""
        keyed = [Q(**{attname: pk}) for attname, (_, pk) in self._keyed_by(model).items()]
        row = model._default_manager.filter(functools.reduce(operator.or_, keyed)).first()
        return row if row is not None else self._make_row(model)

    def _make_row(self, model: type[Model]) -> Model:
        """A row for a model the demos leave empty: its required columns filled with
        Alice, her couple, or a row of the related model."""
        label = model._meta.label
        values: dict[str, Any] = {}
        keys = []
        for field in model._meta.concrete_fields:
            if isinstance(field, ForeignKey) and field.related_model in (User, Couple):
                keys.append(field)
                if not field.null:
                    values[field.name] = self.alice if field.related_model is User else self.couple
            elif field.primary_key or field.null or field.has_default():
                continue
            elif isinstance(field, ForeignKey):
                related = field.related_model
                if related in freshness.watched():
                    values[field.name] = self.row_for(related)
                else:
                    values[field.name] = related._default_manager.order_by("pk").first()
                if values[field.name] is None:
                    self.fail(f"no {related._meta.label} row to make a {label} row with")
            else:
                self.fail(f"the demos make no {label} row for Alice, and this test can't")
        if not any(f.name in values for f in keys):
            first = keys[0]
            values[first.name] = self.alice if first.related_model is User else self.couple
        return model._default_manager.create(**values)

    def versions(self) -> dict[str, int]:
        """What keys the people's kept pages, read fresh from the database."""
        people = dict(User.objects.values_list("pk", "state_version"))
        couples = dict(Couple.objects.values_list("pk", "state_version"))
        return {
            "Alice": people[self.alice.pk],
            "Alice's couple": couples[self.couple.pk],
            "Charlie": people[self.charlie.pk],
            "Charlie's couple": couples[self.other_couple.pk],
        }

    def moves(self, model: type[Model], row: Model) -> set[str]:
        """Which of Alice's versions a change to `row` must move: her couple's when the
        row points to it, her own when it points to her."""
        keyed = self._keyed_by(model).items()
        names = {name for attname, (name, pk) in keyed if getattr(row, attname) == pk}
        assert names, f"{model._meta.label} row {row.pk} points to neither Alice nor her couple"
        return names

    def assertMoved(self, before: dict[str, int], names: set[str], what: str) -> None:
        after = self.versions()
        for name in before:
            if name in names:
                self.assertGreater(after[name], before[name], f"{what} left {name}'s version")
            else:
                self.assertEqual(after[name], before[name], f"{what} moved {name}'s version")

    # --- every change to every watched model ------------------------------------

    def test_every_watched_model_has_its_triggers(self) -> None:
        if connection.vendor != "sqlite":
            self.skipTest("the trigger names checked are SQLite's")
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            installed = {name for (name,) in cursor.fetchall()}
        for model in freshness.watched():
            table = model._meta.db_table
            for event in ("insert", "update", "delete"):
                self.assertIn(f"{freshness.PREFIX}{table}_{event}", installed)

    def test_an_update_moves_the_key(self) -> None:
        for model in freshness.watched():
            with self.subTest(model=model._meta.label):
                row = self.row_for(model)
                before = self.versions()
                _touch(model, row)
                self.assertMoved(before, self.moves(model, row), f"an UPDATE of {model}")

    def test_a_delete_moves_the_key(self) -> None:
        for model in freshness.watched():
            with self.subTest(model=model._meta.label):
                row = self.row_for(model)
                before = self.versions()
                model._default_manager.filter(pk=row.pk).delete()
                self.assertMoved(before, self.moves(model, row), f"a DELETE of {model}")

    def test_an_insert_moves_the_key(self) -> None:
        for model in freshness.watched():
            with self.subTest(model=model._meta.label):
                row = self.row_for(model)
                model._default_manager.filter(pk=row.pk).delete()
                before = self.versions()
                row.save(force_insert=True)
                self.assertMoved(before, self.moves(model, row), f"an INSERT of {model}")

    def _kept_today(self, client: Client) -> str:
        """Visit Today until it is served from the kept page; that page's key."""
        previous = None
        for _ in range(5):
            self.assertEqual(client.get("/").status_code, 200)
            key = CachedPage.objects.filter(user=self.alice).values_list("key", flat=True).first()
            if key is not None and key == previous:
                return key
            previous = key
        self.fail("Alice's Today is never kept")

    def test_a_change_to_any_watched_row_rebuilds_the_kept_page(self) -> None:
        client = Client()
        sign_in(client, self.alice)
        for model in freshness.watched():
            with self.subTest(model=model._meta.label):
                row = self.row_for(model)  # made first if need be: an INSERT moves the key
                kept = self._kept_today(client)
                _touch(model, row)
                self.assertEqual(client.get("/").status_code, 200)
                rebuilt = CachedPage.objects.filter(user=self.alice).values_list("key", flat=True)
                self.assertNotIn(kept, list(rebuilt), f"Today kept after a change to {model}")
                self.assertEqual(len(rebuilt), 1, "Today was not kept again")

    # --- pages forgotten, models refused, versions never written back -----------

    def keep_pages(self, *people: User) -> None:
        expires_at = timezone.now() + timedelta(hours=1)
        for person in people:
            CachedPage.objects.create(
                key=f"k{person.pk}", user=person, slot="today?", body=b"", expires_at=expires_at
            )

    def kept_for(self, *people: User) -> set[User]:
        return {p for p in people if CachedPage.objects.filter(user=p).exists()}

    def test_a_membership_change_forgets_both_peoples_pages_in_its_transaction(self) -> None:
        self.keep_pages(self.alice, self.bob, self.charlie)
        try:
            with transaction.atomic():
                # One person's membership: theirs (Bob's key moved with the couple's).
                _touch(Membership, Membership.objects.filter(user=self.alice).get())
                self.assertNotIn(self.alice, self.kept_for(self.alice))
                # Both, as unpairing does (nearer.couples.services.couple_end).
                Membership.objects.filter(couple=self.couple).update(active=F("active"))
                self.assertEqual(self.kept_for(self.alice, self.bob), set())
                self.assertEqual(self.kept_for(self.charlie), {self.charlie})
                raise _RolledBack
        except _RolledBack:
            pass
        # Rolled back with the change: the deletions were part of its transaction.
        self.assertEqual(self.kept_for(self.alice, self.bob), {self.alice, self.bob})

    def test_load_content_forgets_every_page(self) -> None:
        self.keep_pages(self.alice, self.charlie, self.eve)
        call_command("load_content", verbosity=0)
        self.assertFalse(CachedPage.objects.exists())

    def test_a_model_pointing_to_nobody_is_refused(self) -> None:
        unkeyed = next(
            m
            for m in apps.get_models()
            if not any(
                isinstance(f, ForeignKey) and f.related_model in (User, Couple)
                for f in m._meta.concrete_fields
            )
        )
        label = unkeyed._meta.label
        message = f"{label} is watched for kept pages but points to no couple or person"
        with self.assertRaisesMessage(ValueError, message):
            freshness.targets(unkeyed)
        # A ritual watching it stops the triggers' installation (after every migrate).
        probe = Ritual(label="freshness_probe", name="probe", watched=(unkeyed,))
        with (
            self.assertRaisesMessage(ValueError, message),
            transaction.atomic(),
            mock.patch.dict(rituals._registry, {probe.label: probe}),
        ):
            freshness.install()

    def test_a_stale_save_never_writes_its_version_back(self) -> None:
        versioned = [
            m
            for m in apps.get_models()
            if any(f.name == "state_version" for f in m._meta.concrete_fields)
        ]
        self.assertLessEqual({User, Couple}, set(versioned))
        for model in versioned:
            with self.subTest(model=model._meta.label):
                self.assertTrue(issubclass(model, KeepsStateVersion))
                row = model._default_manager.order_by("pk").first()
                assert row is not None
                stale = model._default_manager.get(pk=row.pk)
                model._default_manager.filter(pk=row.pk).update(
                    state_version=F("state_version") + 1
                )
                bumped = model._default_manager.values_list("state_version", flat=True).get(
                    pk=row.pk
                )
                stale.save()
                self.assertEqual(
                    model._default_manager.values_list("state_version", flat=True).get(pk=row.pk),
                    bumped,
                    f"{model._meta.label}.save() wrote a stale state_version back",
                )
