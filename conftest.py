from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True, scope="session")
def _fast_hasher_for_class_data(django_test_environment: Any) -> Any:
    # The function-scoped fixture below comes too late for setUpTestData: without this,
    # the cast of BaseTestCase got Argon2 hashes the MD5-only tests could not check.
    from django.test import override_settings

    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        EMAIL_BACKEND="nearer.outbox.backends.OutboxBackend",
    ):
        yield


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings: Any, tmp_path: Any) -> None:
    # Argon2 is deliberately slow; tests only need a hasher, not a strong one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Django's test set-up points EMAIL_BACKEND at locmem, which would skip the outbox
    # table; put the real one back, so tests see what production does: the web process
    # writes outbox rows and only the worker delivers (to locmem, `mail.outbox`, here).
    settings.EMAIL_BACKEND = "nearer.outbox.backends.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def smtp_sink() -> Any:
    """A real SMTP server on 127.0.0.1 and a free port, keeping every message it receives.

    Yields an object with `host`, `port` and `messages` (a list of `email.message.Message`).
    """
    import email
    import socket
    from types import SimpleNamespace

    from aiosmtpd.controller import Controller

    received: list[Any] = []

    class _Keep:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            message = email.message_from_bytes(envelope.original_content or envelope.content)
            received.append(message)
            return "250 Message accepted for delivery"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(_Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SimpleNamespace(host="127.0.0.1", port=port, messages=received)
    finally:
        controller.stop()
