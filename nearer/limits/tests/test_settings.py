"""TRUSTED_PROXY_COUNT, read by the real settings module in a fresh process."""

from __future__ import annotations

from nearer.lib.tests.test_settings import read_settings, run


def test_no_proxy_is_trusted_by_default() -> None:
    assert read_settings(["TRUSTED_PROXY_COUNT"]) == {"TRUSTED_PROXY_COUNT": 0}


def test_it_comes_from_the_environment() -> None:
    values = read_settings(["TRUSTED_PROXY_COUNT"], TRUSTED_PROXY_COUNT="2")
    assert values == {"TRUSTED_PROXY_COUNT": 2}


def test_a_bad_count_refuses_to_start() -> None:
    done = run(["-c", "import nearer.settings"], TRUSTED_PROXY_COUNT="-1")
    assert "TRUSTED_PROXY_COUNT must be 0 or more" in done.stderr
    done = run(["-c", "import nearer.settings"], TRUSTED_PROXY_COUNT="one")
    assert "TRUSTED_PROXY_COUNT must be an integer" in done.stderr
