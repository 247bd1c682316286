"""Kept pages stay true by construction: the database moves their keys.

A kept page's key holds the person's and the couple's `state_version`
(nearer.keptpages.pages). Every model a kept page may show — each ritual's entry types
and watched models (nearer.lib.rituals) and the memberships that say who is paired —
gets a row trigger here: any INSERT, UPDATE or DELETE, through the ORM, a bulk update
or raw SQL, moves the version of every couple and person the row points to, in the same
transaction as the change. No service has to remember anything, and a ritual is covered
the moment it registers. A change to a membership (pairing, unpairing, a person
leaving) also deletes that person's kept pages, which may hold the partner's words.

Which columns count is read off the model: every foreign key to the user model or to
Couple. A watched model with neither is refused (`targets`), as nothing could key it.

The triggers are (re)made after every `migrate` (apps.py), so they follow the tables.
The price, measured on SQLite and PostgreSQL by bench/: one or two single-row UPDATEs
per write, which the services used to run themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import ForeignKey, Model

from nearer.lib import rituals

PREFIX = "nearer_fresh_"


@dataclass(frozen=True)
class Targets:
    table: str
    couple_columns: tuple[str, ...]  # columns holding a couple's id
    user_columns: tuple[str, ...]  # columns holding a person's id
    forgets_pages: bool  # a change here deletes the people's kept pages


def _couple_model() -> type[Model]:
    return apps.get_model("couples", "Couple")


def _membership_model() -> type[Model]:
    return apps.get_model("couples", "Membership")


def watched() -> list[type[Model]]:
    """Every model whose rows a kept page may show."""
    return [_membership_model(), *rituals.watched_models()]


def targets(model: type[Model]) -> Targets:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    couples, people = [], []
    for field in model._meta.concrete_fields:
        if isinstance(field, ForeignKey):
            if field.related_model is _couple_model():
                couples.append(field.column)
            elif field.related_model is user_model:
                people.append(field.column)
    if not couples and not people:
        raise ValueError(
            f"{model._meta.label} is watched for kept pages but points to no couple or person"
        )
    return Targets(
        table=model._meta.db_table,
        couple_columns=tuple(couples),
        user_columns=tuple(people),
        forgets_pages=model is _membership_model(),
    )


def _statements(t: Targets, rows: Iterable[str], q: Any) -> list[str]:
    """The trigger body for the row records named (NEW, OLD or both)."""
    rows = list(rows)
    couple = q(_couple_model()._meta.db_table)
    user = q(apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table)
    pages = q(apps.get_model("keptpages", "CachedPage")._meta.db_table)

    def ids(column: str) -> str:
        return ", ".join(f"{row}.{q(column)}" for row in rows)

    # Couples before people, always: two writers lock rows in the same order. Every
    # name here is a table or column of our own models, quoted: no outside input.
    body = [
        f"UPDATE {couple} SET state_version = state_version + 1 WHERE id IN ({ids(c)});"  # noqa: S608
        for c in t.couple_columns
    ]
    body += [
        f"UPDATE {user} SET state_version = state_version + 1 WHERE id IN ({ids(c)});"  # noqa: S608
        for c in t.user_columns
    ]
    if t.forgets_pages and "OLD" in rows:
        body += [
            f"DELETE FROM {pages} WHERE user_id IN ({ids(c)});"  # noqa: S608
            for c in t.user_columns
        ]
    return body


_SQLITE_EVENTS = {"INSERT": ("NEW",), "UPDATE": ("NEW", "OLD"), "DELETE": ("OLD",)}


def _sqlite_sql(t: Targets, q: Any) -> list[str]:
    result = []
    for event, rows in _SQLITE_EVENTS.items():
        name = q(f"{PREFIX}{t.table}_{event.lower()}")
        body = " ".join(_statements(t, rows, q))
        result.append(f"DROP TRIGGER IF EXISTS {name}")
        result.append(f"CREATE TRIGGER {name} AFTER {event} ON {q(t.table)} BEGIN {body} END")
    return result


def _postgresql_sql(t: Targets, q: Any) -> list[str]:
    function = q(f"{PREFIX}{t.table}")
    inserted = " ".join(_statements(t, ["NEW"], q))
    updated = " ".join(_statements(t, ["NEW", "OLD"], q))
    deleted = " ".join(_statements(t, ["OLD"], q))
    return [
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN IF TG_OP = 'INSERT' THEN {inserted} "
        f"ELSIF TG_OP = 'UPDATE' THEN {updated} "
        f"ELSE {deleted} END IF; RETURN NULL; END $$",
        f"DROP TRIGGER IF EXISTS {function} ON {q(t.table)}",
        f"CREATE TRIGGER {function} AFTER INSERT OR UPDATE OR DELETE ON {q(t.table)} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]


def _sql_for(connection: BaseDatabaseWrapper, model: type[Model]) -> list[str]:
    q = connection.ops.quote_name
    if connection.vendor == "sqlite":
        return _sqlite_sql(targets(model), q)
    if connection.vendor == "postgresql":
        return _postgresql_sql(targets(model), q)
    raise NotImplementedError(f"kept pages need triggers written for {connection.vendor}")


def install(using: str = DEFAULT_DB_ALIAS) -> None:
    """Make (or remake) the trigger of every watched model."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        # A table not made yet (a partial `migrate`) gets its trigger on a later run.
        for model in (m for m in watched() if m._meta.db_table in tables):
            for statement in _sql_for(connection, model):
                cursor.execute(statement)


def uninstall(using: str = DEFAULT_DB_ALIAS) -> None:
    """Drop every trigger (the benchmark's bulk seed, which bumps nothing, uses this)."""
    connection = connections[using]
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in watched():
            table = model._meta.db_table
            if connection.vendor == "sqlite":
                for event in _SQLITE_EVENTS:
                    cursor.execute(
                        f"DROP TRIGGER IF EXISTS {q(f'{PREFIX}{table}_{event.lower()}')}"
                    )
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {q(PREFIX + table)} ON {q(table)}")


def install_after_migrate(using: str = DEFAULT_DB_ALIAS, **_signal: Any) -> None:
    install(using)
