"""The Django internals Nearer leans on, pinned.

Three modules use names Django does not document as public, for speed:

- nearer/identity/rows.py builds model instances from raw rows with `Field.get_col`,
  `connection.ops.get_db_converters` and `Col.get_db_converters`, then `Model.from_db`
  (nearer/identity/tests/test_rows.py compares the results with the ORM's);
- nearer/identity/sessions.py overrides the database session engine's `load()` and
  sets `_session_key = None` for a missing session, as Django's engine does, and
  nearer/identity/query.py reads the session table itself;
- nearer/lib/postgresql/base.py overrides `close_if_unusable_or_obsolete` and
  `close_if_health_check_failed` and reads `health_check_done` and `errors_occurred`.

Each check below fails with what we rely on and the file to re-read. Upgrading Django
means re-reading those files against the new Django, then updating the pins here.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any
from unittest import mock

import django
import pytest
from django.contrib.sessions.backends import db as django_db_sessions
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session
from django.core.signals import request_finished, request_started
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.backends.postgresql import base as django_postgresql
from django.db.backends.postgresql.operations import (
    DatabaseOperations as PostgresqlOperations,
)
from django.db.backends.sqlite3 import base as django_sqlite
from django.db.models import Field, Model
from django.db.models.expressions import Col
from django.db.models.options import Options
from django.utils import timezone
from django.utils.functional import cached_property

from nearer.identity.sessions import SessionStore as NearerSessionStore
from nearer.lib.postgresql.base import DatabaseWrapper as NearerPostgresqlWrapper

# Through the backend's module: importing its operations module first is circular.
SqliteOperations = django_sqlite.DatabaseWrapper.ops_class

ROWS = "nearer/identity/rows.py"
SESSIONS = "nearer/identity/sessions.py"
QUERY = "nearer/identity/query.py"
POSTGRESQL = "nearer/lib/postgresql/base.py"

# (owner, name, expected signature, what we rely on it for, the file to re-check)
SIGNATURES: list[tuple[Any, str, str, str, str]] = [
    (
        Field,
        "get_col",
        "(self, alias, output_field=None)",
        "the column expression whose converters turn a raw value into the ORM's",
        ROWS,
    ),
    (
        Col,
        "get_db_converters",
        "(self, connection)",
        "the field's own converters (from_db_value: JSON, …) for a raw value",
        ROWS,
    ),
    (
        BaseDatabaseOperations,
        "get_db_converters",
        "(self, expression)",
        "the backend's converters (UUIDs, booleans, time stamps on SQLite)",
        ROWS,
    ),
    (SqliteOperations, "get_db_converters", "(self, expression)", "as above, on SQLite", ROWS),
    (
        PostgresqlOperations,
        "get_db_converters",
        "(self, expression)",
        "as above, on PostgreSQL",
        ROWS,
    ),
    (
        Model,
        "from_db",
        "(db, field_names, values)",
        "an instance from converted values, marked as loaded from the database",
        ROWS,
    ),
    (
        SessionBase,
        "_set_session_key",
        "(self, value)",
        "`self._session_key = None` forgets a missing session's key, so a save makes a new one",
        SESSIONS,
    ),
    (
        SessionBase,
        "decode",
        "(self, session_data)",
        "the session data read by our own SELECT, decoded as Django's engine would",
        SESSIONS,
    ),
    (
        django_db_sessions.SessionStore,
        "load",
        "(self)",
        "the hook we override to read the session with the person in one query",
        SESSIONS,
    ),
    (
        django_db_sessions.SessionStore,
        "save",
        "(self, must_create=False)",
        "a store whose key was forgotten on load creates a new session on save",
        SESSIONS,
    ),
    (
        BaseDatabaseOperations,
        "adapt_datetimefield_value",
        "(self, value)",
        "`now` passed to the raw session SELECT, compared with expire_date",
        QUERY,
    ),
    (
        django_postgresql.DatabaseWrapper,
        "close_if_unusable_or_obsolete",
        "(self)",
        "called as each request starts and ends; we note when a request was answered",
        POSTGRESQL,
    ),
    (
        django_postgresql.DatabaseWrapper,
        "close_if_health_check_failed",
        "(self)",
        "called before every cursor; we skip the check for a connection answering just now",
        POSTGRESQL,
    ),
]


def test_django_is_the_version_these_were_checked_against() -> None:
    assert django.VERSION[:2] == (5, 2), (
        "these internals were checked against Django 5.2: re-read nearer/identity/rows.py, "
        "sessions.py and nearer/lib/postgresql/base.py before upgrading"
    )


@pytest.mark.parametrize(
    ("owner", "name", "expected", "why", "where"),
    SIGNATURES,
    ids=[f"{o.__module__}.{o.__qualname__}.{n}" for o, n, *_ in SIGNATURES],
)
def test_signature(owner: Any, name: str, expected: str, why: str, where: str) -> None:
    found = getattr(owner, name, None)
    assert callable(found), f"{owner.__qualname__}.{name} is gone: we use it for {why} ({where})"
    signature = str(inspect.signature(found))
    assert signature == expected, (
        f"Django's {owner.__qualname__}.{name} is now {signature}, not {expected} as pinned: "
        f"we use it for {why}; re-check {where}"
    )


def test_session_key_is_a_property_with_a_setter() -> None:
    private, public = (
        SessionBase.__dict__.get("_session_key"),
        SessionBase.__dict__.get("session_key"),
    )
    assert isinstance(private, property) and private.fset is not None, (
        "SessionBase._session_key is no longer a settable property: "
        f"{SESSIONS} sets it to None for a missing session"
    )
    assert isinstance(public, property) and public.fget is private.fget, (
        f"session_key no longer reads what _session_key sets: re-check {SESSIONS}"
    )


def test_our_overrides_are_overrides() -> None:
    # A rename in Django would leave ours defined but never called.
    for owner, name, where in [
        (django_db_sessions.SessionStore, "load", SESSIONS),
        (BaseDatabaseWrapper, "close_if_unusable_or_obsolete", POSTGRESQL),
        (BaseDatabaseWrapper, "close_if_health_check_failed", POSTGRESQL),
    ]:
        assert name in vars(owner), (
            f"Django's {owner.__qualname__} no longer defines {name}, so ours is never called: "
            f"{where}"
        )
    assert issubclass(NearerSessionStore, django_db_sessions.SessionStore), SESSIONS
    assert issubclass(NearerPostgresqlWrapper, django_postgresql.DatabaseWrapper), POSTGRESQL


def test_concrete_fields_and_their_names() -> None:
    assert isinstance(Options.__dict__.get("concrete_fields"), cached_property), (
        f"Options.concrete_fields is gone: {ROWS} selects and builds exactly these columns"
    )
    field = Session._meta.concrete_fields[0]
    assert field.attname == field.column == "session_key", ROWS


def test_the_session_table_is_as_the_raw_select_reads_it() -> None:
    assert Session._meta.db_table == "django_session", QUERY
    columns = {f.name: (f.column, f.primary_key) for f in Session._meta.concrete_fields}
    assert columns == {
        "session_key": ("session_key", True),
        "session_data": ("session_data", False),
        "expire_date": ("expire_date", False),
    }, f"the session table changed shape: {QUERY} selects s.session_data by s.session_key"


def test_a_database_wrapper_has_the_flags_we_read() -> None:
    wrapper = NearerPostgresqlWrapper(
        {
            "NAME": "never-connected",
            "OPTIONS": {},
            "CONN_HEALTH_CHECKS": True,
            "CONN_MAX_AGE": 60,
            "AUTOCOMMIT": True,
            "TIME_ZONE": None,
        }
    )
    for name, value in [
        ("connection", None),
        ("health_check_done", False),
        ("errors_occurred", False),
        ("health_check_enabled", False),
    ]:
        assert getattr(wrapper, name, "missing") == value, (
            f"DatabaseWrapper.{name} is not set as {POSTGRESQL} expects ({value!r} at first)"
        )


# --- Behaviour: what Django does with those names, on whichever database runs ---------


@pytest.fixture
def own_connection() -> Iterator[BaseDatabaseWrapper]:
    """A second connection to the test database, to drive as Django drives one."""
    wrapper = connections.create_connection("default")
    yield wrapper
    wrapper.close()  # on SQLite's in-memory test database, Django keeps it open


@pytest.mark.django_db
def test_django_runs_the_health_check_before_a_cursor(
    own_connection: BaseDatabaseWrapper,
) -> None:
    with (
        mock.patch.object(
            own_connection,
            "close_if_health_check_failed",
            wraps=own_connection.close_if_health_check_failed,
        ) as check,
        own_connection.cursor() as cursor,
    ):
        cursor.execute("SELECT 1")
    assert check.called, f"Django no longer checks the connection before a cursor: {POSTGRESQL}"


@pytest.mark.django_db
def test_each_request_start_and_end_reaches_the_connection() -> None:
    connection.ensure_connection()
    wrapper = connections["default"]
    for signal in (request_started, request_finished):
        with mock.patch.object(wrapper, "close_if_unusable_or_obsolete") as called:
            signal.send(sender=None)
        assert called.called, (
            f"a request's start or end no longer reaches close_if_unusable_or_obsolete: "
            f"{POSTGRESQL}"
        )


@pytest.mark.django_db
def test_the_flags_move_as_our_wrapper_expects(own_connection: BaseDatabaseWrapper) -> None:
    own_connection.ensure_connection()
    assert own_connection.health_check_enabled, "CONN_HEALTH_CHECKS is on in settings.py"
    # A request starts: the check is due again.
    own_connection.health_check_done = True
    own_connection.close_if_unusable_or_obsolete()
    assert own_connection.health_check_done is False, (
        f"a request's start no longer makes the health check due again: {POSTGRESQL}"
    )
    # The first cursor runs it, once.
    own_connection.close_if_health_check_failed()
    assert own_connection.health_check_done is True, (
        f"running the health check no longer sets health_check_done: {POSTGRESQL}"
    )
    # An error marks the connection; at the end of the request Django tests it, clears
    # the flag, and counts that as the check.
    own_connection.errors_occurred = True
    own_connection.health_check_done = False
    own_connection.close_if_unusable_or_obsolete()
    assert own_connection.errors_occurred is False, (
        f"a working connection's errors_occurred is no longer cleared at a request's end: "
        f"{POSTGRESQL} trusts only requests that ran without one"
    )
    assert own_connection.health_check_done is True, (
        f"testing a connection after an error no longer counts as its health check: {POSTGRESQL}"
    )
    assert own_connection.connection is not None


# --- Sessions: an unknown or expired key starts afresh, in Django's engine and ours ----

ENGINES: list[Callable[..., SessionBase]] = [
    django_db_sessions.SessionStore,
    NearerSessionStore,
]
UNKNOWN = "nosuchsessionkeyatall0123456789"


@pytest.mark.django_db
@pytest.mark.parametrize("engine", ENGINES, ids=["django", "nearer"])
def test_an_unknown_session_loads_empty_and_saves_under_a_new_key(
    engine: Callable[..., SessionBase],
) -> None:
    store = engine(UNKNOWN)
    assert store.load() == {}
    assert store.session_key is None, f"a missing session's key must be forgotten: {SESSIONS}"
    store["hello"] = "world"
    store.save()
    assert store.session_key not in (None, UNKNOWN)
    assert not Session.objects.filter(session_key=UNKNOWN).exists()
    assert engine(store.session_key).load() == {"hello": "world"}


@pytest.mark.django_db
@pytest.mark.parametrize("engine", ENGINES, ids=["django", "nearer"])
def test_an_expired_session_is_not_loaded(engine: Callable[..., SessionBase]) -> None:
    store = engine()
    store["secret"] = "from yesterday"
    store.save()
    key = store.session_key
    assert engine(key).load() == {"secret": "from yesterday"}
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = engine(key)
    assert expired.load() == {}
    assert expired.session_key is None, SESSIONS
    assert "secret" not in engine(key)
