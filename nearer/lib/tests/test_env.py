from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from nearer.lib.env import envbool, envint, envlist, envstr


def test_envbool(monkeypatch: pytest.MonkeyPatch) -> None:
    for raw, value in [("1", True), ("TRUE", True), (" yes ", True), ("0", False), ("", False)]:
        monkeypatch.setenv("NEARER_X", raw)
        assert envbool("NEARER_X", not value) is value
    monkeypatch.delenv("NEARER_X")
    assert envbool("NEARER_X", True) is True
    monkeypatch.setenv("NEARER_X", "sometimes")
    with pytest.raises(ImproperlyConfigured, match="NEARER_X must be a boolean"):
        envbool("NEARER_X", False)


def test_envint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEARER_X", "42")
    assert envint("NEARER_X", 1) == 42
    monkeypatch.setenv("NEARER_X", " ")
    assert envint("NEARER_X", 7) == 7
    monkeypatch.setenv("NEARER_X", "ten")
    with pytest.raises(ImproperlyConfigured, match="NEARER_X must be an integer"):
        envint("NEARER_X", 1)


def test_envlist_and_envstr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEARER_X", " a.example, ,b.example ")
    assert envlist("NEARER_X", []) == ["a.example", "b.example"]
    assert envstr("NEARER_X", "") == " a.example, ,b.example "
    monkeypatch.delenv("NEARER_X")
    assert envlist("NEARER_X", ["d"]) == ["d"]
