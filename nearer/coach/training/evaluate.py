"""``python -m nearer.coach evaluate``: the three-part evaluation of issue #4.

(a) the primary label, grouped 5-fold cross-validation over AnnoMI transcripts
    (each fold's model is trained exactly like the committed one, on the other
    AnnoMI folds plus the couple train and dev splits, and scored through the
    same inference code the app uses);
(b) every skill and the primary label of the committed model on the couple
    test split (never used for training or tuning);
(c) per-reply latency on one core.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nearer.coach.model.labels import PRESENT, PRIMARY_LABELS, SKILLS
from nearer.coach.model.scoring import Model
from nearer.coach.model.student import Student, load_students
from nearer.coach.training import latency
from nearer.coach.training.data import (
    Example,
    MissingDataError,
    group_folds,
    load_annomi,
    load_couples,
)
from nearer.coach.training.metrics import classification, f1
from nearer.coach.training.student import FOLD_STUDENTS

RECORDED = Path(__file__).resolve().parent.parent / "recorded_metrics.json"
FOLDS = 5

# Issue #4: TF-IDF + logistic regression on the reply alone, same grouped 5-fold CV.
BASELINE = {"accuracy": 0.74, "macro_f1": 0.705}


def _folds(examples: Sequence[Example]) -> list[tuple[list[int], list[int]]]:
    fold_of = group_folds([ex.group for ex in examples], FOLDS)
    return [
        (
            [i for i, f in enumerate(fold_of) if f != k],
            [i for i, f in enumerate(fold_of) if f == k],
        )
        for k in range(FOLDS)
    ]


def fold_students() -> dict[str, Student]:
    """The students distilled without each fold (committed beside this module)."""
    if not FOLD_STUDENTS.is_file():
        raise MissingDataError(f"{FOLD_STUDENTS} is missing; see the coach README.")
    return load_students(FOLD_STUDENTS)[0]


def annomi_cv() -> dict[str, Any]:
    from scipy import sparse

    from nearer.coach.training.fit import featurise_all, fit
    from nearer.coach.training.train import CONFIG, meta_for

    annomi = load_annomi()
    couples = load_couples("train", "dev")
    students = fold_students()
    x_annomi = featurise_all(annomi)
    x_couples = featurise_all(couples)
    truth = [ex.primary for ex in annomi]
    predicted = [""] * len(annomi)
    learned = [""] * len(annomi)
    for k, (train_rows, test_rows) in enumerate(_folds(annomi)):
        examples = [annomi[i] for i in train_rows] + couples
        matrix = sparse.vstack([x_annomi[train_rows], x_couples]).tocsr()
        model = Model(fit(examples, CONFIG, matrix), meta_for(examples), students[f"fold{k}"])
        for i in test_rows:
            logits = model.logits(annomi[i].message, annomi[i].reply)
            predicted[i] = model.result(logits, annomi[i].reply).primary
            learned[i] = model.learned_primary(logits)
    report = classification(truth, predicted, PRIMARY_LABELS)
    report["learned_head_only"] = classification(truth, learned, PRIMARY_LABELS)
    return report


def baseline_cv() -> dict[str, Any]:
    """Our run of the issue's baseline (scikit-learn defaults), for reference."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    annomi = load_annomi()
    replies = [ex.reply for ex in annomi]
    truth = [ex.primary for ex in annomi]
    predicted = [""] * len(annomi)
    for train_rows, test_rows in _folds(annomi):
        vectoriser = TfidfVectorizer()
        x = vectoriser.fit_transform([replies[i] for i in train_rows])
        model = LogisticRegression(max_iter=2000).fit(x, [truth[i] for i in train_rows])
        guesses = model.predict(vectoriser.transform([replies[i] for i in test_rows]))
        for i, guess in zip(test_rows, guesses, strict=True):
            predicted[i] = str(guess)
    return classification(truth, predicted, PRIMARY_LABELS)


def couples_test(model: Model, examples: Sequence[Example] | None = None) -> dict[str, Any]:
    rows = list(examples) if examples is not None else load_couples("test")
    results = [model.score(ex.message, ex.reply) for ex in rows]
    skills = {}
    for skill in SKILLS:
        truth = [int(ex.skills[skill] or 0) for ex in rows]
        guess = [int(r.skills[skill] >= PRESENT) for r in results]
        skills[skill] = {"f1": round(f1(truth, guess, 1), 4), "support": sum(truth)}
    primary = classification(
        [ex.primary for ex in rows], [r.primary for r in results], PRIMARY_LABELS
    )
    mean = round(sum(s["f1"] for s in skills.values()) / len(skills), 4)
    return {"n": len(rows), "skills": skills, "skills_mean_f1": mean, "primary": primary}


def latency_figures(model: Model) -> dict[str, Any]:
    realistic = [(ex.message, ex.reply) for ex in load_couples("train", "dev", "test")]
    return {
        "realistic": latency.measure(model, realistic),
        "long_20000_chars": latency.measure(model, latency.long_pairs(), repeat=2),
    }


def evaluate(include_latency: bool = True) -> dict[str, Any]:
    model = Model.load()
    report: dict[str, Any] = {
        "annomi_cv_primary": annomi_cv(),
        "couples_test": couples_test(model),
    }
    if include_latency:
        report["latency"] = latency_figures(model)
    return report


def _row(name: str, figures: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    text = f"  {name:<34} acc {figures['accuracy']:.3f}  macro-F1 {figures['macro_f1']:.3f}"
    if baseline:
        text += f"   (baseline {baseline['accuracy']:.3f} / {baseline['macro_f1']:.3f})"
    return text


def format_report(report: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    lines = ["(a) Primary label, AnnoMI train split, grouped 5-fold CV by transcript"]
    a = report["annomi_cv_primary"]
    lines.append(_row(f"Nearer coach, as shipped (n={a['n']})", a))
    lines.append(_row("  learned primary head alone", a["learned_head_only"]))
    lines.append(_row("TF-IDF + LR, reply only (issue #4)", BASELINE))
    if baseline:
        lines.append(_row("TF-IDF + LR, our run (sklearn defaults)", baseline))
    head = a["learned_head_only"]
    lines.append(
        "  per-class F1        shipped   head alone" + ("   baseline run" if baseline else "")
    )
    for label in PRIMARY_LABELS:
        extra = f"   {baseline['per_class_f1'][label]:>12.3f}" if baseline else ""
        lines.append(
            f"    {label:<14} {a['per_class_f1'][label]:>9.3f} "
            f"{head['per_class_f1'][label]:>12.3f}{extra}"
        )

    b = report["couples_test"]
    lines.append("")
    lines.append(f"(b) Couple-style test split (n={b['n']}; never used in training or tuning)")
    lines.append(f"  {'skill':<16} {'F1':>6} {'support':>8}")
    for skill, figures in b["skills"].items():
        lines.append(f"  {skill:<16} {figures['f1']:>6.3f} {figures['support']:>8}")
    lines.append(f"  {'mean':<16} {b['skills_mean_f1']:>6.3f}")
    p = b["primary"]
    lines.append(_row("primary label", p))
    for label in PRIMARY_LABELS:
        lines.append(f"    {label:<14} {p['per_class_f1'][label]:.3f}")

    if "latency" in report:
        lines.append("")
        lines.append("(c) Latency per reply, one core (ms)")
        lines.append(f"  {'input':<18} {'n':>5} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}")
        for name, figures in report["latency"].items():
            lines.append(
                f"  {name:<18} {figures['n']:>5} {figures['p50_ms']:>7.3f} "
                f"{figures['p95_ms']:>7.3f} {figures['p99_ms']:>7.3f} {figures['max_ms']:>7.3f}"
            )
    return "\n".join(lines)


def recordable(report: dict[str, Any]) -> dict[str, Any]:
    """The figures the regression test guards (latency depends on the machine: not guarded)."""
    return {k: v for k, v in report.items() if k in ("annomi_cv_primary", "couples_test")}


def write_recorded(report: dict[str, Any], path: Path = RECORDED) -> None:
    path.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_recorded(path: Path = RECORDED) -> dict[str, Any]:
    recorded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return recorded


def guarded_figures(report: dict[str, Any]) -> dict[str, float]:
    """Flatten every recorded score (not counts) to ``name -> value`` for comparison."""
    flat: dict[str, float] = {}
    a = report["annomi_cv_primary"]
    flat["a.accuracy"] = a["accuracy"]
    flat["a.macro_f1"] = a["macro_f1"]
    flat["a.head.accuracy"] = a["learned_head_only"]["accuracy"]
    flat["a.head.macro_f1"] = a["learned_head_only"]["macro_f1"]
    for label, value in a["per_class_f1"].items():
        flat[f"a.f1.{label}"] = value
    b = report["couples_test"]
    for skill, figures in b["skills"].items():
        flat[f"b.f1.{skill}"] = figures["f1"]
    flat["b.skills_mean_f1"] = b["skills_mean_f1"]
    flat["b.primary.accuracy"] = b["primary"]["accuracy"]
    flat["b.primary.macro_f1"] = b["primary"]["macro_f1"]
    for label, value in b["primary"]["per_class_f1"].items():
        flat[f"b.primary.f1.{label}"] = value
    return flat
