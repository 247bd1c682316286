"""The distilled student: a small convolutional network over word vectors, run with NumPy.

A fine-tuned MiniLM cross-encoder (the teacher, far too big and slow for the app)
labels many variations of the training pairs; this network learns to copy it
(``nearer.coach.training.student``, run once on a GPU). It reads the reply as a
sequence, so it sees word order and which words echo the partner's message,
which the linear model's bags of words and cues cannot.

Shape of the network (``encode`` and ``Student.logits`` are the whole of it):

    reply tokens -> word vector (frozen table + learned delta) + [echoes the message,
                    closest message word]   (T, 66)
                 -> conv k=3 -> ReLU -> conv k=3 -> ReLU      (T, C)
                 -> max, mean, first two, last two            (4C)
    message      -> mean and max of its word vectors          (128)
    both         -> dense -> ReLU -> dense                    (15: skills, then primary)

``encode`` is shared with training, so the two can never read text differently.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nearer.coach.model.features import MAX_MESSAGE_CHARS, MAX_REPLY_CHARS, normalise
from nearer.coach.model.words import WordVectors, quantise, word_vectors, write_npz

STUDENT_ARTIFACT = Path(__file__).resolve().parent.parent / "artifacts" / "student.npz"
MAX_TOKENS = 64
PAD, UNKNOWN = 0, 1  # rows of the learned delta table; PAD's row stays zero
OVERLAP_FEATURES = 2
LAYERS = (
    "delta",
    "conv1_w",
    "conv1_b",
    "conv2_w",
    "conv2_b",
    "dense_w",
    "dense_b",
    "out_w",
    "out_b",
)


@dataclass(frozen=True)
class Encoded:
    """Index arrays for one pair; ``*_table`` rows past the table's end mean 'no vector'."""

    reply_table: np.ndarray  # int64 (T,)
    reply_extra: np.ndarray  # int64 (T,)
    reply_overlap: np.ndarray  # float32 (T, 2)
    message_table: np.ndarray  # int64 (M,)
    message_extra: np.ndarray  # int64 (M,)


class Vocabulary:
    """The word-vector table plus the student's own frequent tokens (with learned deltas)."""

    def __init__(self, table: WordVectors, extra: Sequence[str]) -> None:
        self.table = table
        self.extra = tuple(extra)
        self.extra_index = {token: i + 2 for i, token in enumerate(self.extra)}
        self.missing = len(table.index)  # the appended all-zero row
        norms = np.linalg.norm(table.table, axis=1, keepdims=True)
        self.unit = np.vstack(
            [table.table / np.maximum(norms, 1e-6), np.zeros((1, table.dims), np.float32)]
        ).astype(np.float32)
        self.padded = np.vstack([table.table, np.zeros((1, table.dims), np.float32)])

    def ids(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        index, extra = self.table.index, self.extra_index
        table_ids = [index.get(t, self.missing) for t in tokens]
        extra_ids = [
            extra.get(t, PAD if table_id != self.missing else UNKNOWN)
            for t, table_id in zip(tokens, table_ids, strict=True)
        ]
        return np.asarray(table_ids, dtype=np.int64), np.asarray(extra_ids, dtype=np.int64)


def tokens_of(text: str, limit: int) -> tuple[str, ...]:
    return normalise(text, limit).tokens[:MAX_TOKENS]


def encode(message: str, reply: str, vocabulary: Vocabulary) -> Encoded:
    reply_tokens = tokens_of(reply, MAX_REPLY_CHARS) or ("",)
    message_tokens = tokens_of(message, MAX_MESSAGE_CHARS)
    reply_table, reply_extra = vocabulary.ids(reply_tokens)
    message_table, message_extra = vocabulary.ids(message_tokens)
    if reply_tokens == ("",):
        reply_extra[:] = PAD  # an empty reply reads as one all-zero position
    echoed = set(message_tokens)
    overlap = np.zeros((len(reply_tokens), OVERLAP_FEATURES), dtype=np.float32)
    overlap[:, 0] = [1.0 if t in echoed and t else 0.0 for t in reply_tokens]
    if len(message_table):
        similarity = vocabulary.unit[reply_table] @ vocabulary.unit[message_table].T
        overlap[:, 1] = np.clip(similarity.max(axis=1), 0.0, 1.0)
    return Encoded(reply_table, reply_extra, overlap, message_table, message_extra)


def _conv(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Width-3 convolution with zero padding: ``weight`` is (3 * d_in, d_out)."""
    zero = np.zeros((1, x.shape[1]), dtype=x.dtype)
    padded = np.vstack([zero, x, zero])
    windows = np.concatenate([padded[:-2], padded[1:-1], padded[2:]], axis=1)
    out: np.ndarray = windows @ weight + bias
    return out


class Student:
    """The student network's weights and its NumPy forward pass."""

    def __init__(self, layers: Mapping[str, np.ndarray], vocabulary: Vocabulary) -> None:
        self.layers = {name: np.asarray(layers[name], dtype=np.float32) for name in LAYERS}
        self.vocabulary = vocabulary

    def logits(self, message: str, reply: str) -> np.ndarray:
        p, v = self.layers, self.vocabulary
        enc = encode(message, reply, v)
        words = v.padded[enc.reply_table] + p["delta"][enc.reply_extra]
        x = np.concatenate([words, enc.reply_overlap], axis=1)
        h = np.maximum(_conv(x, p["conv1_w"], p["conv1_b"]), 0.0)
        h = np.maximum(_conv(h, p["conv2_w"], p["conv2_b"]), 0.0)
        edge = min(2, len(h))
        pooled = [h.max(axis=0), h.mean(axis=0), h[:edge].mean(axis=0), h[-edge:].mean(axis=0)]
        if len(enc.message_table):
            m = v.padded[enc.message_table] + p["delta"][enc.message_extra]
            pooled += [m.mean(axis=0), m.max(axis=0)]
        else:
            pooled.append(np.zeros(2 * v.table.dims, dtype=np.float32))
        hidden = np.maximum(np.concatenate(pooled) @ p["dense_w"] + p["dense_b"], 0.0)
        out: np.ndarray = hidden @ p["out_w"] + p["out_b"]
        return out


QUANTISED = ("delta", "conv1_w", "conv2_w", "dense_w", "out_w")  # int8, one scale per column


def save_students(path: Path, students: Mapping[str, Student], meta: Mapping[str, Any]) -> None:
    """Several students in one file (the shipped one under "", CV folds under their names).

    Matrices are stored as int8 with a float32 scale per column, biases as float32.
    """
    arrays: dict[str, np.ndarray] = {}
    for prefix, student in students.items():
        for name in LAYERS:
            if name in QUANTISED:
                arrays[f"{prefix}{name}"], arrays[f"{prefix}{name}_scale"] = quantise(
                    student.layers[name]
                )
            else:
                arrays[f"{prefix}{name}"] = student.layers[name].astype(np.float32)
        arrays[f"{prefix}extra"] = np.frombuffer(
            "\n".join(student.vocabulary.extra).encode("utf-8"), dtype=np.uint8
        )
    full_meta = {**meta, "students": list(students)}
    arrays["meta"] = np.frombuffer(json.dumps(full_meta, sort_keys=True).encode(), dtype=np.uint8)
    write_npz(path, arrays)


def load_students(path: Path = STUDENT_ARTIFACT) -> tuple[dict[str, Student], dict[str, Any]]:
    table = word_vectors()
    students: dict[str, Student] = {}
    with np.load(path, allow_pickle=False) as data:
        meta: dict[str, Any] = json.loads(data["meta"].tobytes().decode())
        for prefix in meta["students"]:
            extra = data[f"{prefix}extra"].tobytes().decode("utf-8").split("\n")
            layers = {}
            for name in LAYERS:
                layer = data[f"{prefix}{name}"].astype(np.float32)
                if f"{prefix}{name}_scale" in data:
                    layer = layer * data[f"{prefix}{name}_scale"]
                layers[name] = layer
            students[prefix] = Student(layers, Vocabulary(table, extra))
    return students, meta


def load_student(path: Path = STUDENT_ARTIFACT) -> Student:
    """The shipped student (stored under the empty prefix)."""
    return load_students(path)[0][""]
