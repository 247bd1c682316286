"""Fail when the coach's evaluation drops below the figures recorded in the repository.

Runs wherever ../shared/data (or $NEARER_SHARED_DATA) is present, as in CI; skipped
elsewhere. Re-record after a deliberate change with
``python -m nearer.coach evaluate --record`` and say why in the commit.
"""

from __future__ import annotations

import pytest

from nearer.coach.training import data

TOLERANCE = 0.01

pytestmark = pytest.mark.slow


def _skip_without_shared_data() -> None:
    try:
        data.annomi_dir()
    except data.MissingDataError as error:
        pytest.skip(str(error))
    pytest.importorskip("sklearn")


@pytest.fixture(scope="module")
def report() -> dict:
    _skip_without_shared_data()
    from nearer.coach.training import evaluate

    return evaluate.evaluate(include_latency=False)


def test_no_recorded_figure_drops(report: dict) -> None:
    from nearer.coach.training import evaluate

    recorded = evaluate.guarded_figures(evaluate.read_recorded())
    now = evaluate.guarded_figures(report)
    drops = {
        name: (value, now.get(name))
        for name, value in recorded.items()
        if now.get(name) is None or now[name] < value - TOLERANCE
    }
    assert not drops, f"figures below the recorded ones (recorded, now): {drops}"


def test_the_committed_model_was_trained_on_the_current_data() -> None:
    _skip_without_shared_data()
    from nearer.coach.model import load_model
    from nearer.coach.training.train import meta_for, training_examples

    expected = meta_for(training_examples())["data_fingerprint"]
    assert load_model().meta["data_fingerprint"] == expected, (
        "The training data changed since the model was trained: "
        "run `python -m nearer.coach train`, then `evaluate --record`."
    )


def test_the_committed_student_was_distilled_from_the_current_data() -> None:
    _skip_without_shared_data()
    from nearer.coach.model.student import load_students
    from nearer.coach.training.student import FOLD_STUDENTS
    from nearer.coach.training.train import data_fingerprint, training_examples

    expected = data_fingerprint(training_examples())
    for path in (None, FOLD_STUDENTS):
        _, meta = load_students() if path is None else load_students(path)
        assert meta["data_fingerprint"] == expected, (
            "The training data changed since the student was distilled: rerun "
            "`python -m nearer.coach.training.student` (see the coach README)."
        )
