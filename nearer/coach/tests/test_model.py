"""The Python API, the stored model and the primary-label rules."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from nearer.coach.model import PRIMARY_LABELS, SKILLS, Result, features, load_model, primary, score
from nearer.coach.model.scoring import ARTIFACT, Weights
from nearer.coach.model.student import STUDENT_ARTIFACT
from nearer.coach.model.words import WORDS_ARTIFACT, word_vectors

REPO_ROOT = Path(__file__).resolve().parents[3]


def test_importing_the_package_loads_nothing() -> None:
    code = (
        "import nearer.coach, nearer.coach.model as m\n"
        "assert m.load_model.cache_info().currsize == 0\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode()


def test_the_model_is_loaded_once() -> None:
    assert load_model() is load_model()


def test_score_returns_a_frozen_result() -> None:
    result = score("I finally finished the thesis!", "You must be so relieved. How does it feel?")
    assert isinstance(result, Result)
    assert result.primary in PRIMARY_LABELS
    assert tuple(result.skills) == SKILLS
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.primary = "other"  # type: ignore[misc]


def test_the_stored_model_is_small() -> None:
    # Everything the model loads: the linear weights, the student and the word-vector table.
    stored = (
        ARTIFACT.stat().st_size + WORDS_ARTIFACT.stat().st_size + STUDENT_ARTIFACT.stat().st_size
    )
    assert stored < 5_000_000


def test_the_word_table_gives_unit_sentence_vectors() -> None:
    table = word_vectors()
    assert table.dims == features.EMB_DIMS
    vector = table.sentence(("you", "sound", "exhausted"))
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4
    assert not table.sentence(("zzzqqq",)).any()


def test_the_stored_model_round_trips(tmp_path: Path) -> None:
    weights, meta = Weights.load(ARTIFACT)
    copy = tmp_path / "copy.npz"
    weights.save(copy, meta)
    assert copy.read_bytes() == ARTIFACT.read_bytes()


def test_features_use_a_stable_hash() -> None:
    # Fixed expectations: a change here means stored weights no longer line up with features.
    idx, val = features.featurise("", "ok")
    assert len(idx) == len(set(idx.tolist()))
    assert np.all(idx < features.DIM)
    assert features._word_index("w:ok") == 125127  # zlib.crc32, never Python's salted hash()
    again = features.featurise("", "ok")
    assert np.array_equal(idx, again[0])
    assert np.array_equal(val, again[1])


def test_very_long_input_is_cut() -> None:
    long_reply = "word " * 10_000
    start = time.perf_counter()
    score(long_reply, long_reply)
    assert time.perf_counter() - start < 0.5
    assert score("", long_reply) == score("", long_reply[: features.MAX_REPLY_CHARS + 10])


def test_precedence_follows_coach_labels() -> None:
    skills = dict.fromkeys(SKILLS, 0.0)
    flat = dict.fromkeys(PRIMARY_LABELS, 0.25)
    cases = [
        ({"advice": 0.95, "validation": 0.9, "judgment": 0.9}, "input"),
        ({"information": 0.9, "reflect_feeling": 0.95}, "input"),
        ({"dismissal": 0.9, "reflect_feeling": 0.95}, "other"),
        ({"minimising": 0.9, "open_question": 0.95}, "other"),
        ({"paraphrase": 0.9, "open_question": 0.95}, "reflection"),
        ({"closed_question": 0.9, "validation": 0.95}, "question"),
    ]
    for overrides, expected in cases:
        assert primary.decide(skills | overrides, flat, confident=(0.8,) * 4) == expected


def test_an_uncertain_earlier_step_defers_to_the_learned_head() -> None:
    skills = dict.fromkeys(SKILLS, 0.0) | {"advice": 0.6, "paraphrase": 0.95}
    learned = {"reflection": 0.1, "question": 0.1, "input": 0.7, "other": 0.1}
    assert primary.decide(skills, learned, confident=(0.8,) * 4) == "input"


def test_nothing_confident_falls_back_to_the_learned_head() -> None:
    skills = dict.fromkeys(SKILLS, 0.1)
    learned = {"reflection": 0.1, "question": 0.6, "input": 0.2, "other": 0.1}
    assert primary.decide(skills, learned, confident=(0.8,) * 4) == "question"


@pytest.mark.parametrize(
    ("message", "reply", "skill"),
    [
        ("I got the promotion!", "What was it like when they told you?", "open_question"),
        ("My sister cancelled again.", "Did she say why?", "closed_question"),
        ("I'm so tired of this job.", "You should just quit.", "advice"),
        ("I failed the driving test.", "At least you can take it again.", "minimising"),
        ("I'm worried about my dad.", "Calm down, it's fine.", "dismissal"),
        ("I feel really left out lately.", "You sound really lonely.", "reflect_feeling"),
        ("I got the job!", "👍", "dismissal"),
    ],
)
def test_clear_cases(message: str, reply: str, skill: str) -> None:
    assert score(message, reply).skills[skill] >= 0.5


def test_the_gate_lets_the_learned_head_overrule_an_unlikely_step() -> None:
    skills = dict.fromkeys(SKILLS, 0.0) | {"paraphrase": 0.95}
    learned = {"reflection": 0.05, "question": 0.8, "input": 0.05, "other": 0.1}
    assert primary.decide(skills, learned, confident=(0.8,) * 4) == "reflection"
    assert primary.decide(skills, learned, confident=(0.8,) * 4, gate=0.1) == "question"


@pytest.mark.parametrize(
    ("message", "reply", "present", "absent"),
    [
        # A hollow "I hear you, but..." is no validation; the rest is judgment.
        (
            "I think I'm going to fail the exam",
            "I hear you, but you're totally overreacting.",
            {"judgment"},
            {"validation"},
        ),
        # Praise with a dig in it is sarcasm: judgment.
        (
            "I got promoted!!",
            "Wow, congrats, they finally noticed you do something.",
            {"judgment"},
            set(),
        ),
        # Advice that contains "just" is advice, not judgment.
        (
            "My boss ignored my email again.",
            "Just ask him in person tomorrow.",
            {"advice"},
            {"judgment"},
        ),
    ],
)
def test_known_hard_cases(message: str, reply: str, present: set[str], absent: set[str]) -> None:
    skills = score(message, reply).skills
    for name in present:
        assert skills[name] >= 0.5, (name, skills)
    for name in absent:
        assert skills[name] < 0.5, (name, skills)


def test_fewer_thresholds_apply_fewer_steps() -> None:
    skills = dict.fromkeys(SKILLS, 0.0) | {"paraphrase": 0.99}
    learned = {"reflection": 0.1, "question": 0.7, "input": 0.1, "other": 0.1}
    assert primary.decide(skills, learned, confident=(0.8, 0.8)) == "question"
    assert primary.decide(skills, learned, confident=(0.8, 0.8, 0.8)) == "reflection"
