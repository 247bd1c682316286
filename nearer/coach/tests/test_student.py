"""The distilled student: its NumPy forward pass, its storage and its part in the score."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nearer.coach.model import load_model
from nearer.coach.model.labels import PRIMARY_LABELS, SKILLS
from nearer.coach.model.scoring import LINEAR_SHARE
from nearer.coach.model.student import (
    MAX_TOKENS,
    PAD,
    UNKNOWN,
    encode,
    load_student,
    load_students,
    save_students,
)


@pytest.fixture(scope="module")
def student():  # type: ignore[no-untyped-def]
    return load_student()


def test_the_model_blends_the_linear_model_and_the_student(student) -> None:  # type: ignore[no-untyped-def]
    model = load_model()
    message, reply = "I got the grant!!", "No way! What did they say about the project?"
    expected = LINEAR_SHARE * model.linear_logits(message, reply) + (1 - LINEAR_SHARE) * (
        student.logits(message, reply)
    )
    assert np.allclose(model.logits(message, reply), expected, atol=1e-5)
    assert model.logits(message, reply).shape == (len(SKILLS) + len(PRIMARY_LABELS),)


def test_the_student_is_deterministic_and_finite(student) -> None:  # type: ignore[no-untyped-def]
    pairs = [
        ("", ""),
        ("", "ok"),
        ("I miss the sea.", "You miss the sea."),
        ("Mi hermana canceló otra vez.", "¿Te dijo por qué?"),
        ("<b>hi</b>", "<script>alert(1)</script>"),
        ("🎉🎉", "🥳"),
    ]
    for message, reply in pairs:
        first = student.logits(message, reply)
        assert np.all(np.isfinite(first))
        assert np.array_equal(first, student.logits(message, reply))


def test_the_student_reads_only_the_first_tokens(student) -> None:  # type: ignore[no-untyped-def]
    long_reply = "you sound so tired " * 5_000
    cut = " ".join(long_reply.split()[:MAX_TOKENS])
    assert np.allclose(student.logits("", long_reply), student.logits("", cut), atol=1e-6)


def test_encoding_marks_echoes_and_unknown_tokens(student) -> None:  # type: ignore[no-untyped-def]
    encoded = encode("I miss the sea", "you miss the zzqxv ?", student.vocabulary)
    echoed = encoded.reply_overlap[:, 0].tolist()
    assert echoed == [0.0, 1.0, 1.0, 0.0, 0.0]
    missing = student.vocabulary.missing
    assert encoded.reply_table[3] == missing  # not in the word table...
    assert encoded.reply_extra[3] == UNKNOWN  # ...nor among the student's own tokens
    assert encoded.reply_extra[1] in (PAD, *range(2, 2 + len(student.vocabulary.extra)))
    empty = encode("", "", student.vocabulary)
    assert len(empty.reply_table) == 1 and empty.reply_extra[0] == PAD
    assert not empty.reply_overlap.any()


def test_stored_students_round_trip(student, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "student.npz"
    save_students(copy, {"": student}, {"note": "copy"})
    again, meta = load_students(copy)
    assert meta["students"] == [""] and meta["note"] == "copy"
    # int8 storage: a second round trip changes nothing beyond float rounding.
    pair = ("My boss ignored my email again.", "Just ask him in person tomorrow.")
    assert np.allclose(again[""].logits(*pair), student.logits(*pair), atol=1e-3)
