"""The real settings module, read in a fresh process (the tests' own settings are
adjusted by conftest.py)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    # Only the variables named here: nothing from this test process (the browser tests,
    # for one, set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly flags).
    ours = {"NEARER_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DATABASE_URL", "EMAIL_HOST"}
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ours and not k.startswith(("DJANGO_", "NEARER_"))
    }
    clean["DJANGO_SETTINGS_MODULE"] = "nearer.settings"
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def production(**extra: str) -> dict[str, str]:
    return {
        "NEARER_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48)[:64],
        "ALLOWED_HOSTS": "nearer.example",
        **extra,
    }


def read_settings(names: list[str], **env: str) -> dict[str, object]:
    code = (
        "import json, nearer.settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}, default=str))"
    )
    done = run(["-c", code], **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_check_deploy_passes_in_production() -> None:
    done = run(["manage.py", "check", "--deploy"], **production())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_without_secret_key_refuses_to_start() -> None:
    env = production()
    del env["SECRET_KEY"]
    done = run(["-c", "import nearer.settings"], **env)
    assert done.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in done.stderr


def test_unknown_environment_refuses_to_start() -> None:
    done = run(["-c", "import nearer.settings"], NEARER_ENV="staging")
    assert "NEARER_ENV must be 'local' or 'production'" in done.stderr


def test_bad_boolean_refuses_to_start() -> None:
    done = run(["-c", "import nearer.settings"], DEBUG="maybe")
    assert "DEBUG must be a boolean" in done.stderr


def test_production_cookies() -> None:
    values = read_settings(
        [
            "SESSION_COOKIE_NAME",
            "CSRF_COOKIE_NAME",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SESSION_COOKIE_HTTPONLY",
            "SESSION_COOKIE_SAMESITE",
            "SECURE_HSTS_SECONDS",
            "DEBUG",
        ],
        **production(),
    )
    assert str(values["SESSION_COOKIE_NAME"]).startswith("__Host-")
    assert str(values["CSRF_COOKIE_NAME"]).startswith("__Host-")
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert int(str(values["SECURE_HSTS_SECONDS"])) >= 365 * 24 * 3600
    assert values["DEBUG"] is False


def test_argon2_hashes_are_argon2id() -> None:
    from django.contrib.auth.hashers import Argon2PasswordHasher

    encoded = Argon2PasswordHasher().encode("a quiet walk", "somesaltvalue123")
    assert encoded.startswith("argon2$argon2id$")


def test_local_defaults() -> None:
    values = read_settings(["DEBUG", "ALLOWED_HOSTS", "PASSWORD_HASHERS"])
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]"]
    hashers = values["PASSWORD_HASHERS"]
    assert isinstance(hashers, list)
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_tests_run_with_the_test_host_allowed() -> None:
    assert "testserver" in settings.ALLOWED_HOSTS


@pytest.mark.parametrize("name", ["PASSWORD_HASHERS"])
def test_the_tests_use_a_fast_hasher(name: str) -> None:
    assert "MD5" in getattr(settings, name)[0]
