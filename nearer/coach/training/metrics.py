"""Accuracy and F1 in plain Python (so scoring the test split needs no scikit-learn)."""

from __future__ import annotations

from collections.abc import Sequence


def f1(truth: Sequence[object], predicted: Sequence[object], positive: object) -> float:
    tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t == positive and p == positive)
    fp = sum(1 for t, p in zip(truth, predicted, strict=True) if t != positive and p == positive)
    fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t == positive and p != positive)
    if tp == 0:
        return 0.0
    return 2 * tp / (2 * tp + fp + fn)


def accuracy(truth: Sequence[object], predicted: Sequence[object]) -> float:
    if not truth:
        return 0.0
    return sum(1 for t, p in zip(truth, predicted, strict=True) if t == p) / len(truth)


def classification(
    truth: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> dict[str, object]:
    per_class = {label: round(f1(truth, predicted, label), 4) for label in labels}
    return {
        "n": len(truth),
        "accuracy": round(accuracy(truth, predicted), 4),
        "macro_f1": round(sum(per_class.values()) / len(labels), 4),
        "per_class_f1": per_class,
    }
