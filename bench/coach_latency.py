"""Latency of the listening coach, per reply, on one core.

    .venv/bin/python bench/coach_latency.py [--repeat N]

Prints p50/p95/p99/max in milliseconds for realistic replies (the couple-style
examples, or a built-in set when that data is absent) and for 20,000-character
inputs, plus the one-off cost of loading the model. Needs only NumPy.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# One core: keep any BLAS thread pool to one thread (set before NumPy loads).
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from nearer.coach.model.scoring import ARTIFACT, Model  # noqa: E402
from nearer.coach.model.student import STUDENT_ARTIFACT  # noqa: E402
from nearer.coach.model.words import WORDS_ARTIFACT  # noqa: E402
from nearer.coach.training import latency  # noqa: E402
from nearer.coach.training.data import COUPLES_DIR, load_couples  # noqa: E402

FALLBACK = [
    ("I got the job!", "No way! What was it like when they called?"),
    ("Work was brutal today.", "You should just quit, honestly."),
    ("I miss my mum.", "That sounds so lonely. What do you miss most?"),
    ("I'm nervous about Friday.", "At least it's only one meeting."),
    ("", "Hey, how was your day?"),
    ("My sister cancelled again.", "Did she say why? That's the third time, right?"),
]


def realistic_pairs() -> list[tuple[str, str]]:
    if list(COUPLES_DIR.glob("part-*.jsonl")):
        return [(ex.message, ex.reply) for ex in load_couples("train", "dev", "test")]
    return FALLBACK * 50


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the inputs")
    args = parser.parse_args()

    start = time.perf_counter()
    model = Model.load()  # the linear weights, the student and the word-vector table
    load_ms = (time.perf_counter() - start) * 1000

    rows = {
        "realistic": latency.measure(model, realistic_pairs(), repeat=args.repeat),
        "20,000 chars": latency.measure(model, latency.long_pairs(), repeat=args.repeat),
    }
    sizes = {
        path.name: path.stat().st_size / 1e6
        for path in (ARTIFACT, STUDENT_ARTIFACT, WORDS_ARTIFACT)
    }
    parts = " + ".join(f"{name} {mb:.2f} MB" for name, mb in sizes.items())
    print(f"model: {parts} = {sum(sizes.values()):.2f} MB, loaded in {load_ms:.0f} ms")
    print(f"{'input':<14} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name, figures in rows.items():
        print(
            f"{name:<14} {figures['n']:>6} {figures['p50_ms']:>8.3f} {figures['p95_ms']:>8.3f} "
            f"{figures['p99_ms']:>8.3f} {figures['max_ms']:>8.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
