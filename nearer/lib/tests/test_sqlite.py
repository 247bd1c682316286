"""The SQLite connection's settings (nearer.settings, init_command)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection


@pytest.fixture
def sqlite() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")


@pytest.mark.django_db
def test_deleted_rows_are_overwritten_not_just_unlinked(sqlite: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1


def test_it_is_asked_for_whatever_sqlite_was_built_with(sqlite: None) -> None:
    # Debian builds SQLite with SECURE_DELETE on by default, so the pragma above reads 1
    # there even without it; python.org's builds and most others have it off.
    assert "PRAGMA secure_delete=ON;" in settings.DATABASES["default"]["OPTIONS"]["init_command"]
