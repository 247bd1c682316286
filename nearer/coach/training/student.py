"""One-time, on a GPU: fine-tune a teacher and distil it into the NumPy student.

    NEARER_SHARED_DATA=... python -m nearer.coach.training.student \\
        --teacher DIR_WITH_MINILM --out OUT_DIR [--runs fold0,...,fold4,dev,final]

Needs torch and transformers (never installed by CI or the app; see the coach
README). For each run it:

1. fine-tunes all-MiniLM-L6-v2 as a cross-encoder (message, reply) -> 11 skills
   + 4 primary labels, on that run's training pairs only;
2. makes a transfer set from those same pairs: each pair plus variations (words
   dropped, swapped for a close word, a span of the reply, another message),
   and AnnoMI client turns read as replies to the counsellor turn before them;
3. has the teacher label the transfer set, and trains the student
   (``nearer.coach.model.student``) on the teacher's labels plus the gold ones.

Runs: ``fold0``..``fold4`` leave out one fold of AnnoMI's grouped 5-fold CV (the
same folds ``evaluate`` uses), ``dev`` leaves out the couple dev split (for
tuning), ``final`` trains on everything ``train`` uses. The couple test split
is never read. Everything is seeded; writes ``OUT/students.npz`` (every run's
student) and ``OUT/teacher_<run>.json`` (the teacher's held-out predictions).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nearer.coach.model.labels import PRIMARY_LABELS, SKILLS
from nearer.coach.model.student import (
    LAYERS,
    MAX_TOKENS,
    OVERLAP_FEATURES,
    Student,
    Vocabulary,
    encode,
    save_students,
)
from nearer.coach.model.words import word_vectors
from nearer.coach.training.data import Example, group_folds, load_annomi, load_couples
from nearer.coach.training.fit import TrainConfig

FOLDS = 5
RUNS = (*(f"fold{k}" for k in range(FOLDS)), "final", "dev")
N_HEADS = len(SKILLS) + len(PRIMARY_LABELS)
FOLD_STUDENTS = Path(__file__).resolve().parent / "student-folds.npz"  # read by evaluate


@dataclass(frozen=True)
class Settings:
    teacher_epochs: int = 4
    teacher_lr: float = 6e-5
    teacher_batch: int = 32
    teacher_max_len: int = 192
    variations: int = 8
    extra_tokens: int = 3000
    channels: int = 160
    hidden: int = 256
    student_epochs: int = 10
    student_lr: float = 2e-3
    student_batch: int = 256
    gold_weight: float = 1.0
    seed: int = 0
    limit: int = 0  # > 0: use only this many pairs (a quick check of the code)


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Pair:
    message: str
    reply: str
    primary: int  # index into PRIMARY_LABELS, or -1 when unlabelled
    skills: np.ndarray  # float32 (11,), NaN when unlabelled
    weights: np.ndarray  # float32 (11,): how much each skill label counts
    gold: bool


def _pair(ex: Example, config: TrainConfig) -> Pair:
    skills = np.full(len(SKILLS), np.nan, dtype=np.float32)
    weights = np.zeros(len(SKILLS), dtype=np.float32)
    overrides = dict(config.annomi_weight_overrides)
    for i, name in enumerate(SKILLS):
        value = ex.skills.get(name)
        if value is None:
            continue
        skills[i] = float(value)
        if ex.source == "couples":
            weights[i] = config.couples_weight
        else:
            weights[i] = overrides.get(name, config.annomi_skill_weight)
    return Pair(ex.message, ex.reply, PRIMARY_LABELS.index(ex.primary), skills, weights, True)


def runs_data() -> dict[str, tuple[list[Example], list[Example]]]:
    """run -> (training examples, held-out examples), exactly as evaluate and train split."""
    annomi = load_annomi()
    train, dev = load_couples("train"), load_couples("dev")
    couples = train + dev
    fold_of = group_folds([ex.group for ex in annomi], FOLDS)
    runs: dict[str, tuple[list[Example], list[Example]]] = {}
    for k in range(FOLDS):
        runs[f"fold{k}"] = (
            [ex for ex, f in zip(annomi, fold_of, strict=True) if f != k] + couples,
            [ex for ex, f in zip(annomi, fold_of, strict=True) if f == k],
        )
    runs["dev"] = (annomi + train, dev)
    runs["final"] = (annomi + couples, [])
    return runs


def client_turns(examples: Sequence[Example]) -> list[tuple[str, str]]:
    """AnnoMI client turns read as replies to the counsellor turn just before them."""
    from nearer.coach.training.data import _read_csv, annomi_dir

    keep = {ex.group.removeprefix("annomi:") for ex in examples if ex.source == "annomi"}
    pairs, last = [], {}
    for row in _read_csv(annomi_dir() / "train-simple.csv"):
        transcript = row["transcript_id"]
        if transcript not in keep:
            continue
        if row["interlocutor"] == "therapist":
            last[transcript] = row["utterance_text"]
        elif transcript in last:
            pairs.append((last[transcript], row["utterance_text"]))
    return pairs


@functools.cache
def close_words(k: int = 8) -> dict[str, list[str]]:
    """Each table word -> its ``k`` nearest words (cosine), for word-swap variations."""
    table = word_vectors()
    words = sorted(table.index, key=table.index.__getitem__)
    unit = table.table / np.maximum(np.linalg.norm(table.table, axis=1, keepdims=True), 1e-6)
    close: dict[str, list[str]] = {}
    for start in range(0, len(words), 2048):
        sims = unit[start : start + 2048] @ unit.T
        sims[np.arange(sims.shape[0]), start + np.arange(sims.shape[0])] = -2.0
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        for row, picks in enumerate(top):
            ranked = picks[np.argsort(-sims[row, picks], kind="stable")]
            close[words[start + row]] = [words[j] for j in ranked]
    return close


def vary(
    pair: Pair, rng: random.Random, messages: Sequence[str], close: dict[str, list[str]]
) -> Pair:
    """A variation of a pair for the teacher to label (its gold labels no longer hold)."""
    words = pair.reply.split()
    message = pair.message
    if words and rng.random() < 0.3:
        length = max(2, int(len(words) * rng.uniform(0.5, 1.0)))
        start = rng.randrange(0, max(1, len(words) - length + 1))
        words = words[start : start + length]
    changed = []
    for word in words:
        roll = rng.random()
        if roll < 0.12:
            continue
        if roll < 0.24:
            options = close.get(word.lower().strip(".,!?;:\"'"))
            if options:
                changed.append(rng.choice(options))
                continue
        changed.append(word)
    if not changed and words:
        changed = [rng.choice(words)]
    if rng.random() < 0.15 and messages:
        message = rng.choice(messages)
    blank = np.full(len(SKILLS), np.nan, dtype=np.float32)
    return Pair(message, " ".join(changed), -1, blank, np.zeros(len(SKILLS), np.float32), False)


def transfer_set(
    examples: Sequence[Example], settings: Settings, config: TrainConfig
) -> list[Pair]:
    rng = random.Random(settings.seed)
    close = close_words()
    gold = [_pair(ex, config) for ex in examples]
    messages = [p.message for p in gold if p.message]
    pairs = list(gold)
    for p in gold:
        pairs.extend(vary(p, rng, messages, close) for _ in range(settings.variations))
    blank = np.full(len(SKILLS), np.nan, dtype=np.float32)
    for message, reply in client_turns(examples)[: settings.limit or None]:
        base = Pair(message, reply, -1, blank, np.zeros(len(SKILLS), np.float32), False)
        pairs.append(base)
        pairs.extend(vary(base, rng, messages, close) for _ in range(2))
    return pairs


# ---------------------------------------------------------------- teacher


def _seed(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)


def _losses(logits, primary, skills, weights, class_weights, positive_weights):  # type: ignore[no-untyped-def]
    """Gold-label loss: weighted primary cross-entropy plus masked, weighted skill BCE."""
    import torch
    import torch.nn.functional as F

    n = len(SKILLS)
    loss = logits.new_zeros(())
    has_primary = primary >= 0
    if has_primary.any():
        loss = loss + F.cross_entropy(
            logits[has_primary, n:], primary[has_primary], weight=class_weights
        )
    mask = ~torch.isnan(skills)
    if mask.any():
        target = torch.nan_to_num(skills)
        bce = F.binary_cross_entropy_with_logits(
            logits[:, :n], target, reduction="none", pos_weight=positive_weights
        )
        loss = loss + (bce * weights * mask).sum() / (weights * mask).sum().clamp(min=1.0)
    return loss


def _positive_weights(pairs: Sequence[Pair]):  # type: ignore[no-untyped-def]
    """Per skill, negatives' weight over positives': a rare skill counts as much as its absence."""
    import torch

    skills = np.stack([p.skills for p in pairs])
    weights = np.stack([p.weights for p in pairs])
    positive = np.where(skills == 1, weights, 0.0).sum(axis=0)
    negative = np.where(skills == 0, weights, 0.0).sum(axis=0)
    ratio = np.clip(negative / np.maximum(positive, 1e-6), 1.0, 50.0)
    return torch.tensor(ratio, dtype=torch.float32)


def _class_weights(pairs: Sequence[Pair]):  # type: ignore[no-untyped-def]
    import torch

    counts = Counter(p.primary for p in pairs if p.primary >= 0)
    total = sum(counts.values())
    return torch.tensor(
        [total / (len(PRIMARY_LABELS) * counts[k]) for k in range(len(PRIMARY_LABELS))],
        dtype=torch.float32,
    )


class Teacher:
    def __init__(self, path: Path, settings: Settings, device: str) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.settings = settings
        self.device = device
        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        self.encoder = AutoModel.from_pretrained(str(path), dtype=torch.float32).to(device)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, N_HEADS).to(device)
        self.dropout = torch.nn.Dropout(0.1)

    def _batch(self, pairs: Sequence[Pair]):  # type: ignore[no-untyped-def]
        return self.tokenizer(
            [p.message or "" for p in pairs],
            [p.reply or "" for p in pairs],
            truncation="longest_first",
            max_length=self.settings.teacher_max_len,
            padding=True,
            return_tensors="pt",
        ).to(self.device)

    def _forward(self, pairs: Sequence[Pair]):  # type: ignore[no-untyped-def]
        import torch

        batch = self._batch(pairs)
        with torch.autocast(self.device, dtype=torch.bfloat16, enabled=self.device == "cuda"):
            hidden = self.encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden.float() * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled))

    def fit(self, pairs: Sequence[Pair]) -> None:
        import torch

        s = self.settings
        params = list(self.encoder.parameters()) + list(self.head.parameters())
        optimiser = torch.optim.AdamW(params, lr=s.teacher_lr, weight_decay=0.01)
        steps = s.teacher_epochs * ((len(pairs) + s.teacher_batch - 1) // s.teacher_batch)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda i: min(1.0, i / (0.1 * steps)) * max(0.0, 1 - i / steps)
        )
        class_weights = _class_weights(pairs).to(self.device)
        positive_weights = _positive_weights(pairs).to(self.device)
        rng = random.Random(s.seed)
        self.encoder.train()
        order = list(range(len(pairs)))
        for _ in range(s.teacher_epochs):
            rng.shuffle(order)
            for start in range(0, len(order), s.teacher_batch):
                chunk = [pairs[i] for i in order[start : start + s.teacher_batch]]
                logits = self._forward(chunk)
                primary, skills, weights = _targets(chunk, self.device)
                loss = _losses(logits, primary, skills, weights, class_weights, positive_weights)
                optimiser.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                optimiser.step()
                schedule.step()
        self.encoder.eval()

    def predict(self, pairs: Sequence[Pair]) -> np.ndarray:
        import torch

        self.encoder.eval()
        self.dropout.eval()
        out = []
        with torch.no_grad():
            for start in range(0, len(pairs), 256):
                out.append(self._forward(pairs[start : start + 256]).float().cpu().numpy())
        return np.concatenate(out) if out else np.zeros((0, N_HEADS), np.float32)


def _targets(pairs: Sequence[Pair], device: str):  # type: ignore[no-untyped-def]
    import torch

    primary = torch.tensor([p.primary for p in pairs], dtype=torch.long, device=device)
    skills = torch.tensor(np.stack([p.skills for p in pairs]), device=device)
    weights = torch.tensor(np.stack([p.weights for p in pairs]), device=device)
    return primary, skills, weights


# ---------------------------------------------------------------- student


def extra_vocabulary(pairs: Sequence[Pair], size: int) -> list[str]:
    from nearer.coach.model.features import MAX_MESSAGE_CHARS, MAX_REPLY_CHARS
    from nearer.coach.model.student import tokens_of

    counts: Counter[str] = Counter()
    for p in pairs:
        if p.gold:
            counts.update(tokens_of(p.reply, MAX_REPLY_CHARS))
            counts.update(tokens_of(p.message, MAX_MESSAGE_CHARS))
    counts.pop("", None)
    return [t for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:size] if n >= 2]


class Tensors:
    """Every pair encoded once and padded into index tensors."""

    def __init__(self, pairs: Sequence[Pair], vocabulary: Vocabulary) -> None:
        encoded = [encode(p.message, p.reply, vocabulary) for p in pairs]
        n, missing = len(pairs), vocabulary.missing
        self.r_table = np.full((n, MAX_TOKENS), missing, dtype=np.int64)
        self.r_extra = np.zeros((n, MAX_TOKENS), dtype=np.int64)
        self.r_overlap = np.zeros((n, MAX_TOKENS, OVERLAP_FEATURES), dtype=np.float32)
        self.r_len = np.zeros(n, dtype=np.int64)
        self.m_table = np.full((n, MAX_TOKENS), missing, dtype=np.int64)
        self.m_extra = np.zeros((n, MAX_TOKENS), dtype=np.int64)
        self.m_len = np.zeros(n, dtype=np.int64)
        for i, e in enumerate(encoded):
            t, m = len(e.reply_table), len(e.message_table)
            self.r_table[i, :t], self.r_extra[i, :t], self.r_overlap[i, :t] = (
                e.reply_table,
                e.reply_extra,
                e.reply_overlap,
            )
            self.r_len[i] = t
            self.m_table[i, :m], self.m_extra[i, :m] = e.message_table, e.message_extra
            self.m_len[i] = m


def build_network(vocabulary: Vocabulary, settings: Settings):  # type: ignore[no-untyped-def]
    import torch
    from torch import nn

    dims = vocabulary.table.dims
    c = settings.channels

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.table = nn.Parameter(torch.tensor(vocabulary.padded), requires_grad=False)
            self.delta = nn.Embedding(len(vocabulary.extra) + 2, dims, padding_idx=0)
            nn.init.normal_(self.delta.weight, std=0.02)
            with torch.no_grad():
                self.delta.weight[0].zero_()
            self.conv1 = nn.Conv1d(dims + OVERLAP_FEATURES, c, 3, padding=1)
            self.conv2 = nn.Conv1d(c, c, 3, padding=1)
            self.dense = nn.Linear(4 * c + 2 * dims, settings.hidden)
            self.out = nn.Linear(settings.hidden, N_HEADS)
            self.drop = nn.Dropout(0.2)

        def forward(self, r_table, r_extra, r_overlap, r_len, m_table, m_extra, m_len):  # type: ignore[no-untyped-def]
            length = r_table.shape[1]
            positions = torch.arange(length, device=r_table.device)[None, :]
            mask = (positions < r_len[:, None]).float()
            words = self.table[r_table] + self.delta(r_extra)
            x = torch.cat([words, r_overlap], dim=2) * mask[..., None]
            h = torch.relu(self.conv1(x.transpose(1, 2))) * mask[:, None, :]
            h = torch.relu(self.conv2(h)) * mask[:, None, :]
            big = torch.finfo(h.dtype).max
            top = (h - (1 - mask[:, None, :]) * big).max(dim=2).values
            mean = h.sum(2) / r_len[:, None].float()
            edge = torch.clamp(r_len, max=2)
            first_mask = (positions < edge[:, None]).float()
            last_mask = (positions >= (r_len - edge)[:, None]).float() * mask
            first = (h * first_mask[:, None, :]).sum(2) / edge[:, None].float()
            last = (h * last_mask[:, None, :]).sum(2) / edge[:, None].float()
            m_mask = (positions < m_len[:, None]).float()
            m = self.table[m_table] + self.delta(m_extra)
            m_mean = (m * m_mask[..., None]).sum(1) / m_len[:, None].float().clamp(min=1.0)
            m_top = (m - (1 - m_mask[..., None]) * big).max(dim=1).values
            m_top = torch.where(m_len[:, None] > 0, m_top, torch.zeros_like(m_top))
            pooled = torch.cat([top, mean, first, last, m_mean, m_top], dim=1)
            return self.out(self.drop(torch.relu(self.dense(self.drop(pooled)))))

    return Network()


def export(network, vocabulary: Vocabulary) -> Student:  # type: ignore[no-untyped-def]
    def arr(t):  # type: ignore[no-untyped-def]
        return t.detach().float().cpu().numpy()

    layers = {
        "delta": arr(network.delta.weight),
        "conv1_w": arr(
            network.conv1.weight.permute(2, 1, 0).reshape(-1, network.conv1.out_channels)
        ),
        "conv1_b": arr(network.conv1.bias),
        "conv2_w": arr(
            network.conv2.weight.permute(2, 1, 0).reshape(-1, network.conv2.out_channels)
        ),
        "conv2_b": arr(network.conv2.bias),
        "dense_w": arr(network.dense.weight.T),
        "dense_b": arr(network.dense.bias),
        "out_w": arr(network.out.weight.T),
        "out_b": arr(network.out.bias),
    }
    assert set(layers) == set(LAYERS)
    # Rounded to float16 here, as in the run that made the committed files; `package` then
    # stores int8, and CV scores the stored students, so what is measured is what ships.
    layers = {k: v.astype(np.float16).astype(np.float32) for k, v in layers.items()}
    return Student(layers, vocabulary)


def train_student(
    pairs: Sequence[Pair], teacher_logits: np.ndarray, settings: Settings, device: str
) -> Student:
    import torch
    import torch.nn.functional as F

    vocabulary = Vocabulary(word_vectors(), extra_vocabulary(pairs, settings.extra_tokens))
    data = Tensors(pairs, vocabulary)
    network = build_network(vocabulary, settings).to(device)
    optimiser = torch.optim.AdamW(
        [p for p in network.parameters() if p.requires_grad],
        lr=settings.student_lr,
        weight_decay=1e-4,
    )
    n = len(pairs)
    steps = settings.student_epochs * ((n + settings.student_batch - 1) // settings.student_batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda i: max(0.0, 1 - i / steps))
    columns = [
        torch.tensor(getattr(data, name), device=device)
        for name in ("r_table", "r_extra", "r_overlap", "r_len", "m_table", "m_extra", "m_len")
    ]
    soft = torch.tensor(teacher_logits, dtype=torch.float32, device=device)
    primary, skills, weights = _targets(pairs, device)
    class_weights = _class_weights(pairs).to(device)
    positive_weights = _positive_weights([p for p in pairs if p.gold]).to(device)
    generator = torch.Generator(device="cpu").manual_seed(settings.seed)
    k = len(SKILLS)
    network.train()
    for _ in range(settings.student_epochs):
        order = torch.randperm(n, generator=generator).to(device)
        for start in range(0, n, settings.student_batch):
            rows = order[start : start + settings.student_batch]
            logits = network(*(c[rows] for c in columns))
            teacher = soft[rows]
            distil = F.kl_div(
                F.log_softmax(logits[:, k:], dim=1),
                F.softmax(teacher[:, k:], dim=1),
                reduction="batchmean",
            ) + F.binary_cross_entropy_with_logits(logits[:, :k], torch.sigmoid(teacher[:, :k]))
            gold = _losses(
                logits, primary[rows], skills[rows], weights[rows], class_weights, positive_weights
            )
            loss = distil + settings.gold_weight * gold
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    network.eval()
    student = export(network, vocabulary)
    _check_mirror(network, student, data, columns, pairs)
    return student


def _check_mirror(network, student: Student, data: Tensors, columns, pairs) -> None:  # type: ignore[no-untyped-def]
    """The NumPy forward pass must match the network it was exported from."""
    import torch

    rows = list(range(0, len(pairs), max(1, len(pairs) // 64)))[:64]
    with torch.no_grad():
        expected = network(*(c[rows] for c in columns)).float().cpu().numpy()
    got = np.stack([student.logits(pairs[i].message, pairs[i].reply) for i in rows])
    gap = float(np.abs(expected - got).max())
    print(f"  NumPy student vs network: largest logit gap {gap:.4f}", flush=True)
    if gap > 0.25:
        raise RuntimeError(f"NumPy student does not match the network (gap {gap:.3f})")


# ---------------------------------------------------------------- main


def run(name: str, teacher_path: Path, settings: Settings, out: Path, device: str) -> Student:
    config = TrainConfig()
    training, held_out = runs_data()[name]
    if settings.limit:
        training, held_out = training[:: len(training) // settings.limit], held_out[:50]
    began = time.time()
    _seed(settings.seed)
    gold = [_pair(ex, config) for ex in training]
    teacher = Teacher(teacher_path, settings, device)
    teacher.fit(gold)
    trained = time.time()
    pairs = transfer_set(training, settings, config)
    logits = teacher.predict(pairs)
    if held_out:
        held = teacher.predict([_pair(ex, config) for ex in held_out])
        (out / f"teacher_{name}.json").write_text(json.dumps(held.round(4).tolist()))
    labelled = time.time()
    _seed(settings.seed)
    student = train_student(pairs, logits, settings, device)
    took = f"teacher {trained - began:.0f} s, labels {labelled - trained:.0f} s, " + (
        f"student {time.time() - labelled:.0f} s"
    )
    print(
        f"{name}: {len(training)} pairs, {len(pairs)} in transfer set; {took}",
        flush=True,
    )
    del teacher
    return student


def package(students_path: Path) -> tuple[Path, Path]:
    """Copy a run's students into the repository: the shipped one and the five CV folds."""
    from nearer.coach.model.student import STUDENT_ARTIFACT, load_students
    from nearer.coach.training.train import data_fingerprint, training_examples

    students, meta = load_students(students_path)
    stamp = {
        "settings": meta["settings"],
        "data_fingerprint": data_fingerprint(training_examples()),
    }
    save_students(STUDENT_ARTIFACT, {"": students["final"]}, stamp)
    folds = {f"fold{k}": students[f"fold{k}"] for k in range(FOLDS)}
    save_students(FOLD_STUDENTS, folds, stamp)
    return STUDENT_ARTIFACT, FOLD_STUDENTS


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teacher", type=Path, help="folder of the all-MiniLM-L6-v2 weights")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--runs", default=",".join(RUNS))
    parser.add_argument("--quick", action="store_true", help="tiny settings, to check the code")
    parser.add_argument(
        "--package", action="store_true", help="only copy OUT/students.npz into the repository"
    )
    args = parser.parse_args(argv)
    if args.package:
        for path in package(args.out / "students.npz"):
            print(f"Wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
        return 0
    if args.teacher is None:
        parser.error("--teacher is needed to train")

    import torch

    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.use_deterministic_algorithms(True, warn_only=True)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    settings = Settings()
    if args.quick:
        settings = Settings(
            teacher_epochs=1, variations=1, student_epochs=1, teacher_max_len=64, limit=100
        )
    args.out.mkdir(parents=True, exist_ok=True)
    students: dict[str, Student] = {}
    for name in args.runs.split(","):
        students[name] = run(name, args.teacher, settings, args.out, device)
        save_students(args.out / "students.npz", students, {"settings": settings.__dict__})
    return 0


if __name__ == "__main__":
    sys.exit(main())
