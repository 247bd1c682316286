"""nearer.lib.postgresql: the health check is skipped only for a connection that was
answering a moment ago; an idle one, or one whose last request failed, is still checked
and replaced when the server has dropped it. Each test drives its own connection through
the calls Django makes as a request starts, uses the database, and ends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection, connections

from nearer.lib.postgresql import base

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def own() -> Iterator[base.DatabaseWrapper]:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    wrapper = connections.create_connection("default")
    assert isinstance(wrapper, base.DatabaseWrapper)
    assert wrapper.settings_dict["CONN_HEALTH_CHECKS"]
    yield wrapper
    wrapper.close()


def a_request(wrapper: base.DatabaseWrapper) -> None:
    wrapper.close_if_unusable_or_obsolete()  # request_started
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT 1")
    wrapper.close_if_unusable_or_obsolete()  # request_finished


def drop_on_the_server(wrapper: base.DatabaseWrapper) -> None:
    """The server ends this connection's backend, as a restart or an idle timeout would."""
    pid = wrapper.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


def next_request_starts(wrapper: base.DatabaseWrapper) -> None:
    wrapper.close_if_unusable_or_obsolete()
    wrapper.close_if_health_check_failed()  # what the first query of a request runs


def test_a_connection_answering_a_moment_ago_is_not_checked(own: base.DatabaseWrapper) -> None:
    a_request(own)
    drop_on_the_server(own)
    next_request_starts(own)
    # Not checked, so not noticed: the price of skipping the round trip, for a second.
    assert own.connection is not None
    assert own.health_check_done


def test_an_idle_connection_is_checked_and_replaced(own: base.DatabaseWrapper) -> None:
    a_request(own)
    own._answered_at -= base.TRUSTED_SECONDS + 1  # as if idle since
    drop_on_the_server(own)
    next_request_starts(own)
    assert own.connection is None  # found broken and closed
    with own.cursor() as cursor:  # the request goes on with a new connection
        cursor.execute("SELECT 2")
        assert cursor.fetchone() == (2,)


def test_a_request_with_an_error_earns_no_trust(own: base.DatabaseWrapper) -> None:
    a_request(own)
    own._answered_at -= base.TRUSTED_SECONDS + 1
    own.close_if_unusable_or_obsolete()  # request_started
    with own.cursor() as cursor:
        cursor.execute("SELECT 1")
    own.errors_occurred = True  # as Django marks it after a failed query
    own.close_if_unusable_or_obsolete()  # request_finished: checked, and the flag cleared
    drop_on_the_server(own)
    next_request_starts(own)
    assert own.connection is None
