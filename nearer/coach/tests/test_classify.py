"""Contract tests for ``python -m nearer.coach classify`` (no Django, no database)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nearer.coach.model import PRIMARY_LABELS, SKILLS, score

REPO_ROOT = Path(__file__).resolve().parents[3]


def run_classify(stdin: bytes, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    clean_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "nearer.coach", "classify"],
        input=stdin,
        capture_output=True,
        cwd=REPO_ROOT,
        env=clean_env,
        timeout=120,
        check=False,
    )


def lines_in(*records: object) -> bytes:
    return b"".join(
        (r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records
    )


def results_of(proc: subprocess.CompletedProcess) -> list[dict]:
    assert proc.returncode == 0, proc.stderr.decode()
    return [json.loads(line) for line in proc.stdout.decode().splitlines()]


def assert_scored(result: dict) -> None:
    assert "error" not in result, result
    assert result["primary"] in PRIMARY_LABELS
    assert list(result["skills"]) == list(SKILLS)
    for value in result["skills"].values():
        assert isinstance(value, float)
        assert 0.0 <= value <= 1.0


PAIRS = [
    {"message": "I got the job!!", "reply": "No way! How did they tell you?"},
    {"message": "Work was brutal today.", "reply": "You should just quit, honestly."},
    {"message": "I miss my mum.", "reply": "That sounds so lonely, missing her like that."},
    {"message": "I'm nervous about Friday.", "reply": "At least it's only one meeting."},
    {"message": "", "reply": "Hey, how was your day?"},
    {"message": "My sister cancelled again.", "reply": "Did she say why?"},
]


def test_it_scores_every_line_in_order() -> None:
    proc = run_classify(lines_in(*PAIRS))
    results = results_of(proc)
    assert len(results) == len(PAIRS)
    for pair, result in zip(PAIRS, results, strict=True):
        assert_scored(result)
        expected = score(pair["message"], pair["reply"])
        assert result["primary"] == expected.primary
        assert result["skills"] == pytest.approx(dict(expected.skills), abs=1e-4)


def test_it_is_deterministic_across_processes_and_hash_seeds() -> None:
    stdin = lines_in(*PAIRS)
    first = run_classify(stdin, {"PYTHONHASHSEED": "1"})
    second = run_classify(stdin, {"PYTHONHASHSEED": "987"})
    assert first.stdout == second.stdout
    assert first.stdout


def test_it_writes_nothing_but_result_lines() -> None:
    proc = run_classify(lines_in(*PAIRS, b"{oops"))
    out = proc.stdout.decode()
    assert out.endswith("\n")
    for line in out.splitlines():
        json.loads(line)  # every stdout line is one JSON object
    assert out.count("\n") == len(PAIRS) + 1


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "👍",
        "😂😂😂",
        "❤️",
        "???",
        "<b>so</b> you felt <i>left out</i>?<script>alert(1)</script>",
        "<p>What happened next?</p>",
        "Je suis désolé, ça a dû être vraiment dur.",
        "¿Y cómo te sentiste después?",
        "那听起来真的很累。",
        "هذا يبدو صعباً جداً",
        "Das klingt wirklich anstrengend. Was ist passiert?",
        "\u0000\u200b\ufeff",
        "a" * 20_000,
        "Why? " * 4_000,
    ],
)
def test_it_scores_unusual_replies(reply: str) -> None:
    results = results_of(run_classify(lines_in({"message": "I had a long day.", "reply": reply})))
    assert len(results) == 1
    assert_scored(results[0])


def test_it_accepts_an_empty_message_and_long_inputs() -> None:
    long_text = ("I keep thinking about what she said at dinner. " * 500)[:20_000]
    results = results_of(
        run_classify(
            lines_in(
                {"message": "", "reply": "Hi! How was the dentist?"},
                {"message": long_text, "reply": long_text},
                {"message": long_text, "reply": "That sounds exhausting."},
            )
        )
    )
    assert len(results) == 3
    for result in results:
        assert_scored(result)


def test_it_flags_other_languages() -> None:
    results = results_of(
        run_classify(
            lines_in(
                {"message": "", "reply": "That sounds really hard. What happened?"},
                {"message": "", "reply": "Das klingt wirklich anstrengend. Was ist passiert?"},
            )
        )
    )
    assert results[0]["english"] is True
    assert results[1]["english"] is False


def test_it_reports_bad_lines_and_carries_on() -> None:
    good = {"message": "I passed!", "reply": "I'm so proud of you!"}
    stdin = lines_in(
        good,
        b"not json",
        b"",
        b"   ",
        b"[1, 2, 3]",
        b'"just a string"',
        b"null",
        {"message": "hi"},
        {"reply": "hi"},
        {"message": None, "reply": "hi"},
        {"message": "hi", "reply": 42},
        {"message": ["hi"], "reply": "hi"},
        b'{"message": "hi", "reply": "\xff\xfe broken utf-8"}',
        b'{"message": "trailing", "reply": "garbage"} extra',
        good,
    )
    results = results_of(run_classify(stdin))
    assert len(results) == 15
    assert_scored(results[0])
    assert_scored(results[-1])
    for result in results[1:-1]:
        assert set(result) == {"error"}, result
        assert isinstance(result["error"], str) and result["error"]
    assert results[0] == results[-1]


def test_a_last_line_without_newline_is_still_answered() -> None:
    stdin = lines_in(PAIRS[0]) + json.dumps(PAIRS[1]).encode()
    results = results_of(run_classify(stdin))
    assert len(results) == 2


def test_extra_keys_are_ignored() -> None:
    record = {"message": "I got the job!!", "reply": "No way! How did they tell you?", "id": 7}
    results = results_of(run_classify(lines_in(record)))
    assert_scored(results[0])


def test_empty_input_gives_empty_output() -> None:
    proc = run_classify(b"")
    assert proc.returncode == 0
    assert proc.stdout == b""


def test_it_needs_neither_django_nor_scikit_learn() -> None:
    code = (
        "import sys, io\n"
        "from nearer.coach.__main__ import classify\n"
        "out = io.StringIO()\n"
        'classify([b\'{"message": "a", "reply": "b"}\'], out)\n'
        "assert out.getvalue().count('\\n') == 1\n"
        "heavy = {'django', 'sklearn', 'scipy', 'torch'} & {m.split('.')[0] for m in sys.modules}\n"
        "assert not heavy, heavy\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode()
