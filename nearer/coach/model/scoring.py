"""Load the committed weights and score a (message, reply) pair with NumPy only."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nearer.coach.language import looks_english
from nearer.coach.model import features
from nearer.coach.model.labels import PRIMARY_LABELS, SKILLS
from nearer.coach.model.primary import decide
from nearer.coach.model.student import STUDENT_ARTIFACT, Student, load_student
from nearer.coach.model.words import word_vectors, write_npz

HEADS: tuple[str, ...] = SKILLS + tuple("primary:" + name for name in PRIMARY_LABELS)
ARTIFACT = Path(__file__).resolve().parent.parent / "artifacts" / "coach.npz"
# Each head's logit is this share of the linear model's plus the rest of the student's.
# Chosen on AnnoMI grouped CV for the primary head and on couple dev for the skills
# (the student, distilled from a cross-encoder, is better at the primary label than
# at the couple-only skills); see the coach README.
LINEAR_SHARE_SKILLS = 0.7
LINEAR_SHARE_PRIMARY = 0.6
LINEAR_SHARE = np.asarray(
    [LINEAR_SHARE_SKILLS] * len(SKILLS) + [LINEAR_SHARE_PRIMARY] * len(PRIMARY_LABELS),
    dtype=np.float32,
)


@dataclass(frozen=True)
class Result:
    """What the coach says about one reply."""

    primary: str
    skills: Mapping[str, float]
    english: bool

    def as_json(self) -> dict[str, Any]:
        return {"primary": self.primary, "skills": dict(self.skills), "english": self.english}


@dataclass(frozen=True)
class Weights:
    """Linear weights for every head, stored only for features that have any."""

    rows: np.ndarray  # int32 (K,): sorted feature indices
    matrix: np.ndarray  # (K, len(HEADS))
    bias: np.ndarray  # float32 (len(HEADS),)

    @classmethod
    def from_dense(cls, dense: np.ndarray, bias: np.ndarray) -> Weights:
        # Rounded to float16 here, so a model trained in memory scores exactly like the stored one.
        rounded = dense.astype(np.float16)
        rows = np.flatnonzero(np.any(rounded != 0, axis=1)).astype(np.int32)
        return cls(rows=rows, matrix=rounded[rows], bias=bias.astype(np.float32))

    def save(self, path: Path, meta: Mapping[str, Any]) -> None:
        """Write a compressed .npz whose bytes depend only on the weights and ``meta``."""
        arrays: dict[str, np.ndarray] = {
            "rows": self.rows.astype(np.int32),
            "matrix": self.matrix.astype(np.float16),
            "bias": self.bias.astype(np.float32),
            "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8),
        }
        write_npz(path, arrays)

    @classmethod
    def load(cls, path: Path) -> tuple[Weights, dict[str, Any]]:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(data["meta"].tobytes().decode())
            weights = cls(rows=data["rows"], matrix=data["matrix"], bias=data["bias"])
        return weights, meta


class Model:
    """The listening coach: a linear model and the distilled student, then precedence rules."""

    def __init__(
        self, weights: Weights, meta: Mapping[str, Any], student: Student | None = None
    ) -> None:
        if meta.get("features_version") != features.FEATURES_VERSION:
            raise ValueError(
                "Model weights were trained for features version "
                f"{meta.get('features_version')}, the code is {features.FEATURES_VERSION}; "
                "retrain with `python -m nearer.coach train`."
            )
        if tuple(meta.get("heads", ())) != HEADS:
            raise ValueError("Model weights do not match the coach's heads.")
        self.meta = dict(meta)
        self.confident = tuple(float(t) for t in meta["confident"])
        self.gate = float(meta.get("gate", 0.0))
        # Feature index -> row of the compact matrix; features without weights map to a zero row.
        self._lookup = np.full(features.DIM, len(weights.rows), dtype=np.int32)
        self._lookup[weights.rows] = np.arange(len(weights.rows), dtype=np.int32)
        zero = np.zeros((1, weights.matrix.shape[1]), dtype=np.float32)
        self._matrix = np.vstack([weights.matrix.astype(np.float32), zero])
        self._bias = weights.bias.astype(np.float32)
        self.student = student

    @classmethod
    def load(cls, path: Path = ARTIFACT, student_path: Path = STUDENT_ARTIFACT) -> Model:
        weights, meta = Weights.load(path)
        word_vectors()  # the word-vector table the features need: loaded now, not mid-request
        return cls(weights, meta, load_student(student_path))

    def linear_logits(self, message: str, reply: str) -> np.ndarray:
        idx, val = features.featurise(message, reply)
        result: np.ndarray = val @ self._matrix[self._lookup[idx]] + self._bias
        return result

    def logits(self, message: str, reply: str) -> np.ndarray:
        linear = self.linear_logits(message, reply)
        if self.student is None:
            return linear
        blended: np.ndarray = LINEAR_SHARE * linear + (1 - LINEAR_SHARE) * self.student.logits(
            message, reply
        )
        return blended

    @staticmethod
    def learned_primary(logits: np.ndarray) -> str:
        """The learned primary head alone, without the precedence rules (for evaluation)."""
        return PRIMARY_LABELS[int(np.argmax(logits[len(SKILLS) :]))]

    def score(self, message: str, reply: str) -> Result:
        return self.result(self.logits(message, reply), reply)

    def result(self, logits: np.ndarray, reply: str) -> Result:
        """Skill scores and the primary label from ``logits`` (of ``reply``)."""
        z = logits.astype(np.float64)
        n = len(SKILLS)
        skill_scores = 1.0 / (1.0 + np.exp(-z[:n]))
        primary_z = z[n:] - z[n:].max()
        primary_p = np.exp(primary_z) / np.exp(primary_z).sum()
        skills = {name: round(float(s), 4) for name, s in zip(SKILLS, skill_scores, strict=True)}
        learned = {name: float(p) for name, p in zip(PRIMARY_LABELS, primary_p, strict=True)}
        primary = decide(skills, learned, self.confident, self.gate)
        # The language hint reads the same cut as the features: a pasted essay costs no more.
        english = looks_english(reply[: features.MAX_REPLY_CHARS])
        return Result(primary=primary, skills=skills, english=english)
