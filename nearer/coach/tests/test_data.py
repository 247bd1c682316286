"""The couple split rule and the AnnoMI label mapping."""

from __future__ import annotations

import pytest

from nearer.coach.model.labels import HARMFUL_SKILLS, SKILLS
from nearer.coach.training import data


def test_the_split_is_a_fixed_function_of_the_conversation_id() -> None:
    # Pinned: moving a conversation between splits would leak test data into training.
    assert data.split_of("c0001") == "dev"
    assert data.split_of("c0002") == "train"
    assert data.split_of("c0003") == "train"


def test_the_split_has_roughly_the_intended_shares() -> None:
    splits = [data.split_of(f"c{n:05d}") for n in range(10_000)]
    assert splits.count("train") / len(splits) == pytest.approx(0.70, abs=0.02)
    assert splits.count("dev") / len(splits) == pytest.approx(0.15, abs=0.02)
    assert splits.count("test") / len(splits) == pytest.approx(0.15, abs=0.02)


def test_the_test_split_is_never_implied() -> None:
    with pytest.raises(ValueError):
        data.load_couples()
    with pytest.raises(ValueError):
        data.load_couples("holdout")


def test_couple_splits_share_no_conversation() -> None:
    if not list(data.COUPLES_DIR.glob("part-*.jsonl")):
        pytest.skip("couple data not present")
    seen = {split: {ex.group for ex in data.load_couples(split)} for split in data.SPLITS}
    assert not seen["train"] & seen["test"]
    assert not seen["dev"] & seen["test"]
    assert not seen["train"] & seen["dev"]
    assert all(seen.values())


def test_annomi_mapping() -> None:
    row = {
        "reflection_exists": "True",
        "question_subtype": "closed",
        "therapist_input_subtype": "n/a",
    }
    labels = data._annomi_skills("So you feel lonely at home?", [row], high_quality=True)
    assert labels["paraphrase"] == 1
    assert labels["reflect_feeling"] == 1
    assert labels["closed_question"] == 1
    assert labels["open_question"] == 0
    assert labels["validation"] is None
    assert all(labels[s] == 0 for s in HARMFUL_SKILLS)
    plain = data._annomi_skills("So you moved in May.", [row], high_quality=False)
    assert plain["reflect_feeling"] is None
    assert all(plain[s] is None for s in HARMFUL_SKILLS)
    assert set(labels) == set(SKILLS)


def test_annomi_majority_over_annotators() -> None:
    yes = {
        "reflection_exists": "True",
        "question_subtype": "n/a",
        "therapist_input_subtype": "advice",
    }
    no = {"reflection_exists": "False", "question_subtype": "n/a", "therapist_input_subtype": "n/a"}
    labels = data._annomi_skills("Try a walk.", [yes, yes, no], high_quality=True)
    assert labels["advice"] == 1
    assert labels["paraphrase"] == 1
    tie = data._annomi_skills("Try a walk.", [yes, no], high_quality=True)
    assert tie["advice"] is None
