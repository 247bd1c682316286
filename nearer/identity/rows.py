"""Model instances from hand-written SELECTs, built exactly as the ORM would build them.

On this project's 2-core machines the ORM spends 0.2 to 1 ms building and compiling a
query that SQLite answers in 20 microseconds; for the session, the person and the
pairing, which every page needs, that was most of a kept page's cost. The column list
comes from the model, and each value goes through the converters the ORM itself applies
(UUIDs, JSON, dates on SQLite). `Field.get_col` and the two `get_db_converters` are
Django internals: nearer/identity/tests/test_rows.py compares every column with what
the ORM reads, on both databases, so a Django upgrade that changes them fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model

M = TypeVar("M", bound=Model)


@cache
def columns(model: type[Model], alias: str) -> str:
    """`alias."col", …` for every concrete field, in field order."""
    return ", ".join(f'{alias}."{f.column}"' for f in model._meta.concrete_fields)


def count_columns(model: type[Model]) -> int:
    return len(model._meta.concrete_fields)


def split(values: Sequence[Any], *models: type[Model]) -> list[Sequence[Any]]:
    """Cut a row of `columns(m1, …), columns(m2, …), …` into one slice per model."""
    parts, start = [], 0
    for model in models:
        end = start + count_columns(model)
        parts.append(values[start:end])
        start = end
    if start != len(values):
        raise ValueError(f"a row of {len(values)} values, but the models take {start}")
    return parts


@cache
def _converters(model: type[Model], vendor: str) -> list[list[Callable[..., Any]]]:
    result = []
    for field in model._meta.concrete_fields:
        column = field.get_col(model._meta.db_table)
        result.append(
            [
                (lambda v, c=conv, col=column: c(v, col, connection))
                for conv in connection.ops.get_db_converters(column)
                + column.get_db_converters(connection)
            ]
        )
    return result


@cache
def _attnames(model: type[Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def instance(model: type[M], values: Sequence[Any]) -> M:
    """A model instance from one row of `columns(model, …)`, as the ORM would build it."""
    converted = []
    for value, converters in zip(values, _converters(model, connection.vendor), strict=True):
        for convert in converters:
            value = convert(value)
        converted.append(value)
    return model.from_db(connection.alias, _attnames(model), converted)
