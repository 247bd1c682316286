""".env.example documents every environment variable Nearer reads, and nothing else.

The variables read are found in the code itself: the calls of nearer.lib.env's readers
(and of os.environ) with a literal name in nearer/settings.py, and what bin/start and
bin/test take from the environment that starts them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "nearer" / "settings.py"
SCRIPTS = [ROOT / "bin" / "start", ROOT / "bin" / "test"]
EXAMPLE = ROOT / ".env.example"

READERS = {"envstr", "envint", "envbool", "envlist"}
# Set by the shell or the system, not by whoever configures Nearer.
NOT_OURS = {"HOME", "PATH", "PWD", "OLDPWD", "SHELL", "USER", "UID", "TERM", "TMPDIR", "LANG"}

_NAME = r"[A-Z][A-Z0-9_]*"
# `${NAME:-default}`, `${NAME-default}`, `${NAME:=default}`: taken from outside, with a
# fallback, even when the script then assigns the result back to NAME.
_DEFAULTED = re.compile(rf"\$\{{({_NAME}):?[-=]")
_READ = re.compile(rf"\$\{{?({_NAME})\b")
_ASSIGNED = re.compile(rf"(?:^|[\s;(]|export\s+)({_NAME})=|\bexport\s+({_NAME})\b", re.M)


def _literal_name(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _is_os_environ(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def settings_reads() -> set[str]:
    """Every variable nearer/settings.py reads by a literal name."""
    names = set()
    for node in ast.walk(ast.parse(SETTINGS.read_text(), str(SETTINGS))):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            reader = (isinstance(func, ast.Name) and func.id in READERS) or (
                isinstance(func, ast.Attribute)
                and (
                    (func.attr == "get" and _is_os_environ(func.value))
                    or (
                        func.attr == "getenv"
                        and isinstance(func.value, ast.Name)
                        and func.value.id == "os"
                    )
                )
            )
            if reader and (name := _literal_name(node.args[0])):
                names.add(name)
        elif isinstance(node, ast.Subscript) and _is_os_environ(node.value):
            if name := _literal_name(node.slice):
                names.add(name)
    return names


def script_reads(path: Path) -> set[str]:
    """Upper-case variables a shell script takes from its environment: those read with
    a default, and those read without ever being set in the script."""
    code = "\n".join(
        line for line in path.read_text().splitlines() if not line.lstrip().startswith("#")
    )
    assigned = {a or b for a, b in _ASSIGNED.findall(code)}
    defaulted = set(_DEFAULTED.findall(code))
    plain = set(_READ.findall(code)) - assigned
    return (defaulted | plain) - NOT_OURS


def read_anywhere() -> set[str]:
    names = settings_reads()
    for script in SCRIPTS:
        names |= script_reads(script)
    return names


def documented() -> list[str]:
    return re.findall(rf"^({_NAME})=", EXAMPLE.read_text(), re.M)


def test_the_finders_find_what_they_should() -> None:
    # A guard on the guards: if these stop finding known reads, the tests below pass
    # for nothing.
    assert {"SECRET_KEY", "DATABASE_URL", "DEBUG", "ALLOWED_HOSTS"} <= settings_reads()
    assert {"PORT", "WEB_WORKERS", "SITE_URL"} <= script_reads(ROOT / "bin" / "start")
    # Set in bin/start for what it starts, not read from outside.
    assert not {"SECRET_KEY", "STATIC_MANIFEST", "PYTHONUNBUFFERED"} & script_reads(
        ROOT / "bin" / "start"
    )


def test_every_variable_read_is_in_env_example() -> None:
    missing = sorted(read_anywhere() - set(documented()))
    assert not missing, f"read but missing from .env.example (add NAME= with a comment): {missing}"


def test_env_example_has_no_stale_entries() -> None:
    stale = sorted(set(documented()) - read_anywhere())
    assert not stale, (
        f"in .env.example but read nowhere (settings.py, bin/start, bin/test): {stale}"
    )


def test_env_example_names_each_variable_once() -> None:
    names = documented()
    twice = sorted({n for n in names if names.count(n) > 1})
    assert not twice, f"named more than once in .env.example: {twice}"


def test_every_variable_sits_under_a_comment() -> None:
    """Each variable, or the run of variables it belongs to, has a comment above it."""
    undocumented, commented = [], False
    for line in EXAMPLE.read_text().splitlines():
        if not line.strip():
            commented = False
        elif line.startswith("#"):
            commented = True
        elif match := re.match(rf"({_NAME})=", line):
            if not commented:
                undocumented.append(match.group(1))
        else:
            undocumented.append(line)
    assert not undocumented, f"no comment says what these are for in .env.example: {undocumented}"
