"""nearer.identity.rows builds model instances from hand-written SELECTs with Django
internals (`Field.get_col`, the two `get_db_converters`). Here every concrete field of
such an instance is compared, value and type, with what the ORM itself loads, for rows
with UUIDs, JSON, time stamps and booleans in them. Written for any database: run on
PostgreSQL too (DATABASE_URL), where the drivers and converters differ."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from django.db import connection
from django.db.models import Model
from django.test import TestCase

from nearer.accounts.models import User
from nearer.couples.models import Couple
from nearer.identity import rows
from nearer.testing import make_couple, make_user

# An instant with microseconds, written in a zone that is not UTC.
MOMENT = datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=timezone(timedelta(hours=-5)))


def _select(sql: str, params: Sequence[Any]) -> Sequence[Any]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    assert found is not None, "the raw SELECT found no row"
    return found


def raw_row(model: type[Model], pk: Any) -> Sequence[Any]:
    """The row of `model` with `pk`, as `rows.columns(model, "x")` selects it."""
    table = connection.ops.quote_name(model._meta.db_table)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    sql = f"SELECT {rows.columns(model, 'x')} FROM {table} x WHERE x.{pk_column} = %s"  # noqa: S608
    return _select(sql, [pk])


class RowsTestCase(TestCase):
    alice: User
    bob: User
    eve: User
    couple: Couple

    @classmethod
    def setUpTestData(cls) -> None:
        cls.alice = make_user("Alice", "Europe/London")
        cls.bob = make_user("Bob", "America/New_York")
        cls.eve = make_user("Eve")
        # Non-trivial values in every kind of column the fast path reads.
        User.objects.filter(pk=cls.alice.pk).update(
            code=uuid.UUID("00000000-0000-4000-8000-0000000000ff"),
            last_login=MOMENT,
            date_joined=MOMENT - timedelta(days=400, microseconds=1),
            is_staff=True,
            is_superuser=True,
            state_version=2**40 + 7,
            display_name="Alice \u00e9\u00e8 \U0001f33f",
        )
        # Eve: nothing confirmed, never signed in, switched off.
        User.objects.filter(pk=cls.eve.pk).update(
            email_confirmed_at=None, last_login=None, is_active=False
        )
        cls.couple = make_couple(cls.alice, cls.bob)
        Couple.objects.filter(pk=cls.couple.pk).update(
            created_at=MOMENT,
            ended_at=MOMENT + timedelta(days=1, seconds=1),
            focus=["patience", {"nested": [1, 2.5, None, True, "\u00fc"]}],
            state_version=3,
        )

    def assertSameAsTheORM(self, built: Model, loaded: Model) -> None:
        self.assertIs(type(built), type(loaded))
        for field in type(loaded)._meta.concrete_fields:
            mine, theirs = getattr(built, field.attname), getattr(loaded, field.attname)
            with self.subTest(model=type(loaded).__name__, field=field.attname):
                self.assertIs(type(mine), type(theirs))
                self.assertEqual(mine, theirs)
                # repr catches what == forgives: a time stamp in another zone, 1 vs True.
                self.assertEqual(repr(mine), repr(theirs))
        self.assertFalse(built._state.adding)
        self.assertEqual(built._state.db, loaded._state.db)

    def test_a_user_is_built_as_the_orm_loads_it(self) -> None:
        for user in (self.alice, self.bob, self.eve):
            built = rows.instance(User, raw_row(User, user.pk))
            self.assertSameAsTheORM(built, User.objects.get(pk=user.pk))

    def test_a_couple_is_built_as_the_orm_loads_it(self) -> None:
        built = rows.instance(Couple, raw_row(Couple, self.couple.pk))
        loaded = Couple.objects.get(pk=self.couple.pk)
        self.assertSameAsTheORM(built, loaded)
        # The values themselves, not only their agreement: the test data really is odd.
        self.assertEqual(built.focus, ["patience", {"nested": [1, 2.5, None, True, "\u00fc"]}])
        self.assertEqual(built.created_at, MOMENT)
        self.assertEqual(built.created_at.utcoffset(), timedelta(0))
        self.assertIsInstance(built.code, uuid.UUID)

    def test_the_odd_values_survive(self) -> None:
        alice = rows.instance(User, raw_row(User, self.alice.pk))
        self.assertEqual(alice.code, uuid.UUID("00000000-0000-4000-8000-0000000000ff"))
        self.assertEqual(alice.last_login, MOMENT.astimezone(UTC))
        self.assertIs(alice.is_staff, True)
        # The database moves it on later changes (nearer.keptpages.freshness): past 2**32.
        self.assertGreaterEqual(alice.state_version, 2**40 + 7)
        self.assertEqual(alice.display_name, "Alice \u00e9\u00e8 \U0001f33f")
        eve = rows.instance(User, raw_row(User, self.eve.pk))
        self.assertIs(eve.is_active, False)
        self.assertIsNone(eve.email_confirmed_at)

    def test_a_joined_row_is_split_and_built(self) -> None:
        users = connection.ops.quote_name(User._meta.db_table)
        couples = connection.ops.quote_name(Couple._meta.db_table)
        sql = (
            f"SELECT {rows.columns(User, 'u')}, {rows.columns(Couple, 'c')}, "  # noqa: S608
            f"{rows.columns(User, 'p')} FROM {users} u, {couples} c, {users} p "
            "WHERE u.id = %s AND c.id = %s AND p.id = %s"
        )
        row = _select(sql, [self.alice.pk, self.couple.pk, self.bob.pk])
        person, couple, partner = rows.split(row, User, Couple, User)
        self.assertSameAsTheORM(rows.instance(User, person), User.objects.get(pk=self.alice.pk))
        self.assertSameAsTheORM(
            rows.instance(Couple, couple), Couple.objects.get(pk=self.couple.pk)
        )
        self.assertSameAsTheORM(rows.instance(User, partner), User.objects.get(pk=self.bob.pk))

    def test_columns_follow_the_concrete_fields(self) -> None:
        expected = ", ".join(f'x."{f.column}"' for f in Couple._meta.concrete_fields)
        self.assertEqual(rows.columns(Couple, "x"), expected)
        self.assertEqual(rows.count_columns(User), len(User._meta.concrete_fields))


class SplitTestCase(TestCase):
    def test_it_cuts_one_slice_per_model(self) -> None:
        n_user, n_couple = rows.count_columns(User), rows.count_columns(Couple)
        values = list(range(2 * n_user + n_couple))
        person, couple, partner = rows.split(values, User, Couple, User)
        self.assertEqual(list(person), values[:n_user])
        self.assertEqual(list(couple), values[n_user : n_user + n_couple])
        self.assertEqual(list(partner), values[n_user + n_couple :])
        self.assertEqual(rows.split([], *()), [])

    def test_a_wrong_length_is_an_error(self) -> None:
        n = 2 * rows.count_columns(User) + rows.count_columns(Couple)
        for length in (0, n - 1, n + 1):
            with self.subTest(length=length), self.assertRaises(ValueError):
                rows.split(list(range(length)), User, Couple, User)

    def test_a_row_of_the_wrong_width_is_refused_by_instance(self) -> None:
        with self.assertRaises(ValueError):
            rows.instance(Couple, [None] * (rows.count_columns(Couple) - 1))
