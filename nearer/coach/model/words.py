"""The static word-vector table (``artifacts/words.npz``): storage, loading, sentence vectors.

The table is distilled once from a sentence-transformer by
``nearer.coach.training.distil`` (see the coach README for provenance and licence)
and committed. Here it is read with NumPy only: a sentence's vector is the mean of
its known words' vectors, scaled to unit length.
"""

from __future__ import annotations

import functools
import io
import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

WORDS_ARTIFACT = Path(__file__).resolve().parent.parent / "artifacts" / "words.npz"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_npz(path: Path, arrays: Mapping[str, np.ndarray]) -> None:
    """A compressed .npz whose bytes depend only on the arrays (fixed zip timestamps)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue(), compresslevel=9)


def quantise(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 values and a float32 scale per column (the column's peak maps to 127)."""
    peak = np.abs(matrix).max(axis=0)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    return np.clip(np.rint(matrix / scale), -127, 127).astype(np.int8), scale


def save_table(
    path: Path, words: Sequence[str], vectors: np.ndarray, meta: Mapping[str, Any]
) -> None:
    """Store ``vectors`` (one row per word) as int8 with one scale per dimension."""
    quantised, scale = quantise(vectors)
    write_npz(
        path,
        {
            "words": np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
            "table": quantised,
            "scale": scale,
            "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8),
        },
    )


class WordVectors:
    """Word -> row lookup over a float32 table."""

    def __init__(self, words: Sequence[str], table: np.ndarray) -> None:
        self.index = {word: i for i, word in enumerate(words)}
        self.table = table.astype(np.float32)
        self.dims = int(table.shape[1])

    @classmethod
    def load(cls, path: Path = WORDS_ARTIFACT) -> WordVectors:
        with np.load(path, allow_pickle=False) as data:
            words = data["words"].tobytes().decode("utf-8").split("\n")
            table = data["table"].astype(np.float32) * data["scale"]
        return cls(words, table)

    def sentence(self, tokens: Iterable[str]) -> np.ndarray:
        """Mean of the known tokens' vectors, unit length (zeros when none is known)."""
        rows = [i for i in map(self.index.get, tokens) if i is not None]
        if not rows:
            return np.zeros(self.dims, dtype=np.float32)
        vector: np.ndarray = self.table[rows].mean(axis=0)
        norm = float(np.sqrt(np.dot(vector, vector)))
        return vector / np.float32(norm) if norm > 0 else vector


@functools.cache
def word_vectors() -> WordVectors:
    """The committed table, loaded once per process."""
    return WordVectors.load()
