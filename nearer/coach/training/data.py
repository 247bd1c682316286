"""Training data: AnnoMI counselling turns and our couple-style pairs.

Couple data split rule (fixed; see nearer/coach/README.md): every conversation
id is hashed with BLAKE2b into [0, 1); below 0.70 is ``train``, below 0.85 is
``dev``, the rest is ``test``. The test portion is read only by
``evaluate``; training and tuning never see it (``load_couples`` refuses to
hand it out unless asked for by name).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nearer.coach.model.labels import HARMFUL_SKILLS, PRIMARY_LABELS, SKILLS

REPO_ROOT = Path(__file__).resolve().parents[3]
COUPLES_DIR = REPO_ROOT / "nearer" / "coach" / "data" / "couples"
SHARED_DATA_ENV = "NEARER_SHARED_DATA"

SPLIT_SALT = b"nearer-coach-split-v1"
TRAIN_SHARE = 0.70
DEV_SHARE = 0.15
SPLITS = ("train", "dev", "test")
HARMFUL_NEGATIVES = True

# Feelings strong enough that an AnnoMI reflection naming one counts as reflect_feeling.
# Deliberately without "feel"/"sound" (those also carry plain content reflections).
_FEELING_WORDS = frozenset(
    [
        "afraid",
        "alone",
        "angry",
        "anxious",
        "ashamed",
        "annoyed",
        "betrayed",
        "bitter",
        "bummed",
        "concerned",
        "confused",
        "crushed",
        "defeated",
        "depressed",
        "desperate",
        "devastated",
        "disappointed",
        "discouraged",
        "embarrassed",
        "excited",
        "exhausted",
        "fear",
        "frightened",
        "frustrated",
        "frustrating",
        "furious",
        "glad",
        "guilty",
        "happy",
        "helpless",
        "hopeful",
        "hopeless",
        "hurt",
        "hurting",
        "isolated",
        "jealous",
        "lonely",
        "mad",
        "miserable",
        "nervous",
        "overwhelmed",
        "overwhelming",
        "painful",
        "proud",
        "regret",
        "rejected",
        "relieved",
        "resentful",
        "sad",
        "scared",
        "scary",
        "shame",
        "shocked",
        "stressed",
        "stressful",
        "terrified",
        "thrilled",
        "trapped",
        "upset",
        "worried",
        "worry",
        "worrying",
        "uncomfortable",
        "uneasy",
        "torn",
        "ambivalent",
        "pressured",
        "annoying",
        "irritated",
        "irritating",
    ]
)


class MissingDataError(RuntimeError):
    """The shared data directory or one of its files is not there."""


@dataclass(frozen=True)
class Example:
    """One (message, reply) pair with the labels it carries.

    ``skills`` maps a skill to 1, 0 or None; None means "this source does not
    say", and the skill's head skips the example. ``primary`` is one of
    PRIMARY_LABELS.
    """

    source: str  # "annomi" or "couples"
    group: str  # transcript or conversation id: folds and splits never cut a group
    message: str
    reply: str
    primary: str
    skills: dict[str, int | None] = field(default_factory=dict)


def shared_data_dir() -> Path:
    override = os.environ.get(SHARED_DATA_ENV)
    if override:
        return Path(override)
    return REPO_ROOT.parent / "shared" / "data"


def annomi_dir() -> Path:
    path = shared_data_dir() / "annomi"
    for name in ("train.csv", "train-simple.csv"):
        if not (path / name).is_file():
            raise MissingDataError(
                f"AnnoMI file {path / name} is missing. Put the shared data beside the "
                f"repository (../shared/data) or set {SHARED_DATA_ENV} to its folder."
            )
    return path


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _majority(votes: list[bool]) -> int | None:
    yes = sum(votes)
    if 2 * yes > len(votes):
        return 1
    if 2 * yes < len(votes):
        return 0
    return None


def _annomi_skills(
    reply: str, rows: list[dict[str, str]], high_quality: bool
) -> dict[str, int | None]:
    """Skill labels for one therapist turn, by majority over its annotators.

    Mapping (documented in README): any reflection -> paraphrase; a reflection
    that names a feeling word -> reflect_feeling (a reflection without one is
    left unlabelled for reflect_feeling); open/closed question subtypes ->
    open_question/closed_question; input subtype information -> information,
    advice or options -> advice (negotiation is left unlabelled for advice).
    AnnoMI says nothing about validation or the four harmful habits; turns from
    transcripts that demonstrate high-quality MI are taken as negatives for the
    harmful habits (MI-consistent counselling avoids them by design), which
    teaches those heads what ordinary, non-harmful talk looks like. Turns from
    low-quality MI transcripts stay unlabelled for them.
    """
    reflection = _majority([r["reflection_exists"] == "True" for r in rows])
    subtypes = [r["therapist_input_subtype"] for r in rows]
    words = {w.strip(".,!?;:-\"'") for w in reply.lower().split()}
    # A reflection without a feeling word may or may not reflect a feeling: left unlabelled.
    reflect_feeling = (1 if words & _FEELING_WORDS else None) if reflection == 1 else reflection
    advice = _majority([s in ("advice", "options") for s in subtypes])
    if advice == 0 and _majority([s == "negotiation" for s in subtypes]) == 1:
        advice = None
    labels: dict[str, int | None] = dict.fromkeys(SKILLS)
    labels.update(
        reflect_feeling=reflect_feeling,
        paraphrase=reflection,
        open_question=_majority([r["question_subtype"] == "open" for r in rows]),
        closed_question=_majority([r["question_subtype"] == "closed" for r in rows]),
        advice=advice,
        information=_majority([s == "information" for s in subtypes]),
    )
    if high_quality and HARMFUL_NEGATIVES:
        labels.update(dict.fromkeys(HARMFUL_SKILLS, 0))
    return labels


def load_annomi() -> list[Example]:
    """Therapist turns of the AnnoMI training split, each with the client turn before it."""
    path = annomi_dir()
    simple = _read_csv(path / "train-simple.csv")
    full: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in _read_csv(path / "train.csv"):
        if row["interlocutor"] == "therapist":
            full[(row["transcript_id"], row["utterance_id"])].append(row)
    examples = []
    last_client: dict[str, str] = {}
    for row in simple:
        transcript = row["transcript_id"]
        text = row["utterance_text"]
        if row["interlocutor"] == "client":
            last_client[transcript] = text
            continue
        behaviour = row["main_therapist_behaviour"]
        primary = "input" if behaviour == "therapist_input" else behaviour
        if primary not in PRIMARY_LABELS:
            continue
        annotations = full.get((transcript, row["utterance_id"]), [])
        high_quality = row["mi_quality"] == "high"
        skills = (
            _annomi_skills(text, annotations, high_quality)
            if annotations
            else dict.fromkeys(SKILLS)
        )
        examples.append(
            Example(
                source="annomi",
                group="annomi:" + transcript,
                message=last_client.get(transcript, ""),
                reply=text,
                primary=primary,
                skills=skills,
            )
        )
    return examples


def group_folds(groups: Sequence[str], folds: int = 5) -> list[int]:
    """A fold number per row; a group never spans two folds.

    Groups, largest first (ties in reverse name order), each go to the fold with
    the fewest rows so far (the first such fold): the rule of scikit-learn's
    GroupKFold (1.9), written out here so every machine and version cuts the
    same folds.
    """
    sizes = Counter(groups)
    names = sorted(sizes)
    by_size = sorted(range(len(names)), key=lambda i: sizes[names[i]])  # stable
    load = [0] * folds
    fold_of: dict[str, int] = {}
    for i in reversed(by_size):
        target = load.index(min(load))
        fold_of[names[i]] = target
        load[target] += sizes[names[i]]
    return [fold_of[g] for g in groups]


def split_of(conversation: str) -> str:
    digest = hashlib.blake2b(conversation.encode("utf-8"), digest_size=8, key=SPLIT_SALT)
    share = int.from_bytes(digest.digest(), "big") / 2**64
    if share < TRAIN_SHARE:
        return "train"
    if share < TRAIN_SHARE + DEV_SHARE:
        return "dev"
    return "test"


def _read_couples(directory: Path) -> list[tuple[str, Example]]:
    files = sorted(directory.glob("part-*.jsonl"))
    if not files:
        raise MissingDataError(f"No couple data (part-*.jsonl) in {directory}.")
    examples = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    skills = {name: int(record["skills"][name]) for name in SKILLS}
                    primary = record["primary"]
                    conversation = str(record["conversation"])
                    message, reply = record["message"], record["reply"]
                except (ValueError, KeyError, TypeError) as error:
                    raise ValueError(f"{path.name}:{number}: bad record ({error})") from error
                if primary not in PRIMARY_LABELS or not isinstance(reply, str):
                    raise ValueError(f"{path.name}:{number}: bad primary or reply")
                example = Example(
                    source="couples",
                    group="couples:" + conversation,
                    message=message or "",
                    reply=reply,
                    primary=primary,
                    skills=dict(skills),
                )
                examples.append((split_of(conversation), example))
    return examples


def load_couples(*splits: str, directory: Path | None = None) -> list[Example]:
    """Couple-style examples from the named splits ("train", "dev", "test")."""
    if not splits:
        raise ValueError("Name the splits you want; the test split is never implied.")
    unknown = set(splits) - set(SPLITS)
    if unknown:
        raise ValueError(f"Unknown split(s): {sorted(unknown)}")
    return [ex for split, ex in _read_couples(directory or COUPLES_DIR) if split in splits]
