"""Turn a (message, reply) pair into a sparse, hashed feature vector.

Pure Python plus NumPy, so the same code serves training and the app. Every
feature name is hashed with ``zlib.crc32`` (stable across processes and
machines, unlike Python's salted ``hash()``); character n-grams of the reply
are hashed with a vectorised rolling hash over its UTF-8 bytes.

Four blocks, each scaled on its own so that no block drowns the others:

* ``word``: reply word unigrams and bigrams with start/end markers, plus the
  first words of every sentence and of the last one (where questions live);
* ``char``: reply character 2-5-grams (robust to typos, "sooo", emoji);
* ``message``: the partner's words, its length and whether it asked something;
* ``cue``: a few position-free hints -- a trailing "?", wh- versus yes/no
  openers, lexicon hits (emotion words, "at least", "you should" ...), pronoun
  balance, and how much of the message the reply restates.

Very long input is cut before featurising: the first ``MAX_REPLY_CHARS`` of
the reply (char n-grams use the first ``MAX_CHAR_NGRAM_CHARS``) and the first
``MAX_MESSAGE_CHARS`` of the message. Replies in the app are a few sentences;
the cap only keeps the cost of a pasted essay bounded.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass

import numpy as np

from nearer.coach.model import lexicon
from nearer.coach.model.words import word_vectors

# Bump when a change here would make stored weights meaningless.
FEATURES_VERSION = 2

WORD_BITS = 18
CHAR_BITS = 18
WORD_DIM = 1 << WORD_BITS
CHAR_DIM = 1 << CHAR_BITS
EMB_DIMS = 64  # the word-vector table's width (artifacts/words.npz)
EMB_OFFSET = WORD_DIM + CHAR_DIM
EMB_FEATURES = 3 * EMB_DIMS + 1  # reply vector, message vector, their product, their cosine
DIM = EMB_OFFSET + EMB_FEATURES

MAX_REPLY_CHARS = 1000
MAX_CHAR_NGRAM_CHARS = 600
MAX_MESSAGE_CHARS = 600

WEIGHT_WORD = 1.0
WEIGHT_CHAR = 1.0
WEIGHT_MESSAGE = 0.35
WEIGHT_CUE = 0.45
WEIGHT_EMB = 1.0

_TOKEN_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[^\w\s]", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")
_APOSTROPHES = ("\u2019", "\u2018", "`", "\u00b4")
_SENTENCE_END = frozenset({".", "!", "?", "\u2026"})
_MASK32 = np.uint64(0xFFFFFFFF)
_PRIME = np.uint64(1000003)
_MIX = np.uint64(0x45D9F3B)


@dataclass(frozen=True)
class Text:
    """A normalised piece of text and its tokens."""

    raw: str
    tokens: tuple[str, ...]
    padded: str  # " tok tok tok " for whole-phrase matching


def normalise(text: str, limit: int) -> Text:
    # Cached on the cut text (never a whole pasted essay): the student reads the same
    # pair right after the features.
    return _normalise_cut(text[:limit])


@functools.lru_cache(maxsize=64)
def _normalise_cut(cut: str) -> Text:
    cleaned = unicodedata.normalize("NFKC", cut).lower()
    for mark in _APOSTROPHES:
        if mark in cleaned:
            cleaned = cleaned.replace(mark, "'")
    cleaned = _SPACE_RE.sub(" ", cleaned).strip()
    tokens = tuple(_TOKEN_RE.findall(cleaned))
    return Text(raw=cleaned, tokens=tokens, padded=" " + " ".join(tokens) + " ")


@functools.lru_cache(maxsize=1 << 17)
def _word_index(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & (WORD_DIM - 1)


@functools.lru_cache(maxsize=64)
def _phrase_patterns(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalise(p, 200).padded for p in phrases)


def _count_phrases(padded: str, phrases: tuple[str, ...]) -> int:
    return sum(1 for p in _phrase_patterns(phrases) if p in padded)


def _sentences(tokens: tuple[str, ...]) -> list[list[str]]:
    sentences: list[list[str]] = [[]]
    for tok in tokens:
        sentences[-1].append(tok)
        if tok in _SENTENCE_END:
            sentences.append([])
    return [s for s in sentences if s]


def _bucket(value: int, edges: tuple[int, ...]) -> int:
    for i, edge in enumerate(edges):
        if value <= edge:
            return i
    return len(edges)


def _is_word(tok: str) -> bool:
    return tok[0].isalnum()


def _words(tokens: tuple[str, ...] | list[str]) -> list[str]:
    return [t for t in tokens if t[0].isalnum()]


def _normalised_block(counts: Counter[str], weight: float) -> dict[int, float]:
    block: dict[int, float] = {}
    for name, count in counts.items():
        idx = _word_index(name)
        block[idx] = block.get(idx, 0.0) + math.log1p(count)
    norm = math.sqrt(sum(v * v for v in block.values()))
    if norm == 0.0:
        return {}
    scale = weight / norm
    return {k: v * scale for k, v in block.items()}


def _word_counts(reply: Text) -> Counter[str]:
    counts: Counter[str] = Counter()
    toks = ("<s>", *reply.tokens, "</s>")
    for tok in reply.tokens:
        counts["w:" + tok] += 1
    for a, b in itertools.pairwise(toks):
        counts["b:" + a + " " + b] += 1
    sentences = _sentences(reply.tokens)
    for sent in sentences:
        words = _words(sent)
        if words:
            counts["ss:" + words[0]] += 1
            counts["ss2:" + " ".join(words[:2])] += 1
    if sentences:
        last = sentences[-1]
        words = _words(last)
        end = last[-1]
        counts["le:" + end] += 1
        if words:
            counts["ls:" + words[0] + "|" + end] += 1
            counts["ls2:" + " ".join(words[:2]) + "|" + end] += 1
    return counts


def _message_counts(message: Text) -> Counter[str]:
    counts: Counter[str] = Counter()
    for tok in message.tokens:
        if _is_word(tok) or tok == "?":
            counts["m:" + tok] += 1
    n = len(_words(message.tokens))
    counts[f"m_len:{_bucket(n, (0, 1, 2, 4, 8, 16, 32, 64))}"] += 1
    if message.tokens and message.tokens[-1] == "?":
        counts["m_ends_q"] += 1
    return counts


def _content_words(text: Text) -> set[str]:
    return {t for t in _words(text.tokens) if t not in lexicon.STOP_WORDS}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _cues(message: Text, reply: Text) -> dict[str, float]:
    cues: dict[str, float] = {"bias_cue": 1.0}
    toks = reply.tokens
    words = _words(toks)
    n_words = len(words)
    cues[f"len:{_bucket(n_words, (0, 1, 2, 3, 5, 8, 12, 20, 35, 60))}"] = 1.0
    if not message.tokens:
        cues["msg_empty"] = 1.0
    if n_words == 0:
        cues["no_words"] = 1.0
        if toks:
            cues["symbols_only"] = 1.0
    n_q = toks.count("?")
    if n_q:
        cues["has_q"] = 1.0
        cues[f"n_q:{min(n_q, 3)}"] = 1.0
    if toks and toks[-1] == "?":
        cues["ends_q"] = 1.0
    if "!" in toks:
        cues["has_excl"] = 1.0

    sentences = _sentences(toks)
    n_sent = len(sentences)
    cues[f"n_sent:{min(n_sent, 5)}"] = 1.0
    for pos, sent in enumerate(sentences):
        sw = _words(sent)
        if not sw:
            continue
        is_q = sent[-1] == "?"
        first = sw[0]
        kind = (
            "open"
            if first in lexicon.OPEN_STARTERS
            else "closed"
            if first in lexicon.CLOSED_STARTERS
            else "other"
        )
        where = "last" if pos == n_sent - 1 else "first" if pos == 0 else "mid"
        cues[f"sent:{kind}:{'q' if is_q else 'nq'}"] = 1.0
        cues[f"sent:{where}:{kind}:{'q' if is_q else 'nq'}"] = 1.0
        if is_q and first in ("so", "and", "but") and len(sw) > 1:
            cues["q_starts_so"] = 1.0
        if is_q and sw[0] in lexicon.YOU_WORDS:
            cues["q_starts_you"] = 1.0
        if is_q and len(sw) <= 3:
            cues["short_q"] = 1.0
        subject = next((w for w in sw[:3] if w in lexicon.SUBJECTS), "none")
        cues[f"subject:{where}:{subject}:{'q' if is_q else 'nq'}"] = 1.0
    if any(ch.isdigit() for ch in reply.raw):
        cues["has_number"] = 1.0

    padded = reply.padded
    # "you never know" is a hedge, not the accusation "you never ...".
    unhedged = padded.replace(" you never know ", " ")
    for name, phrases in (
        ("warmth", lexicon.WARMTH_PHRASES),
        ("advice", lexicon.ADVICE_PHRASES),
        ("info", lexicon.INFORMATION_PHRASES),
        ("judgment", lexicon.JUDGMENT_PHRASES + lexicon.MORE_JUDGMENT_PHRASES),
        ("minimise", lexicon.MINIMISING_PHRASES + lexicon.MORE_MINIMISING_PHRASES),
        ("dismiss", lexicon.DISMISSAL_PHRASES),
        ("self", lexicon.SELF_PHRASES + lexicon.MORE_SELF_PHRASES),
        ("reflect", lexicon.REFLECT_OPENERS),
        ("sarcasm", lexicon.SARCASM_PHRASES),
        ("mi_input", lexicon.MI_INPUT_PHRASES),
        ("mi_reflect", lexicon.MI_REFLECT_PHRASES),
    ):
        hits = _count_phrases(unhedged, phrases)
        if hits:
            cues["lex:" + name] = 1.0
            cues[f"lex:{name}:{min(hits, 3)}"] = 1.0
    head = " " + " ".join(toks[:4]) + " "
    for pattern in _phrase_patterns(lexicon.REFLECT_OPENERS):
        if head.startswith(pattern):
            cues["reflect_opener_first"] = 1.0
            break

    emotions = [w for w in words if w in lexicon.EMOTION_WORDS]
    if emotions:
        cues["emotion"] = 1.0
        cues[f"emotion:{min(len(emotions), 3)}"] = 1.0
    if any(w in lexicon.HARDSHIP_WORDS for w in words):
        cues["hardship"] = 1.0
    if any(ord(ch) > 0x2000 and not ch.isalnum() for ch in reply.raw):
        cues["emoji"] = 1.0

    if n_words:
        n_you = sum(1 for w in words if w in lexicon.YOU_WORDS)
        n_self = sum(1 for w in words if w in lexicon.SELF_WORDS)
        cues[f"you_share:{_bucket(int(10 * n_you / n_words), (0, 1, 2, 4))}"] = 1.0
        cues[f"self_share:{_bucket(int(10 * n_self / n_words), (0, 1, 2, 4))}"] = 1.0
        if n_self > n_you:
            cues["self_gt_you"] = 1.0
        if words[0] in lexicon.SELF_WORDS:
            cues["starts_self"] = 1.0
        if words[0] in lexicon.YOU_WORDS:
            cues["starts_you"] = 1.0

    m_content = {_stem(w) for w in _content_words(message)}
    r_content = {_stem(w) for w in _content_words(reply)}
    if m_content and r_content:
        shared = m_content & r_content
        r_share = len(shared) / len(r_content)
        m_share = len(shared) / len(m_content)
        cues["overlap_r"] = r_share
        cues["overlap_m"] = m_share
        cues[f"overlap_r:{_bucket(int(10 * r_share), (0, 1, 3, 5))}"] = 1.0
        cues[f"overlap_m:{_bucket(int(10 * m_share), (0, 1, 3, 5))}"] = 1.0
        if any(w in lexicon.EMOTION_WORDS for w in shared):
            cues["emotion_echo"] = 1.0
    if message.tokens and message.tokens[-1] == "?" and "?" not in toks:
        cues["answers_question"] = 1.0
    if r_content and m_content:
        novel = len(r_content - m_content) / len(r_content)
        cues[f"novel_r:{_bucket(int(10 * novel), (0, 2, 5, 8))}"] = 1.0
        if r_content <= m_content and n_words <= 6:
            # A bare echo of the speaker's own words ("You miss the sea.") is no paraphrase.
            # Few examples carry it, so it gets a larger value (a stronger prior under L2).
            cues["bare_echo"] = 2.5
            cues["bare_echo:" + ("q" if "?" in toks else "nq")] = 2.5
    _shape_cues(reply, sentences, cues)
    _conditioned_cues(message, reply, words, sentences, cues)
    return cues


def _shape_cues(reply: Text, sentences: list[list[str]], cues: dict[str, float]) -> None:
    """Sentence shapes: instructions, hollow acknowledgements, praise with a dig."""
    for pos, sent in enumerate(sentences):
        sw = _words(sent)
        if not sw or sent[-1] == "?":
            continue
        first = (
            sw[1] if sw[0] in ("just", "so", "then", "maybe", "please") and len(sw) > 1 else sw[0]
        )
        if first in lexicon.IMPERATIVE_VERBS:
            cues["imperative"] = 1.0
            cues["imperative:" + ("first" if pos == 0 else "later")] = 1.0
            if sw[0] == "just":
                cues["imperative:just"] = 1.0
        if sw[0] in ("don't", "dont", "stop", "never") and len(sw) > 1:
            cues["dont:" + sw[1]] = 1.0
            cues["dont_imperative"] = 1.0
    toks = reply.tokens
    contrast = [i for i, t in enumerate(toks) if t in lexicon.CONTRAST_WORDS]
    if contrast:
        head = " " + " ".join(toks[: contrast[-1]]) + " "
        if _count_phrases(head, lexicon.ACK_PHRASES) or _count_phrases(
            head, lexicon.WARMTH_PHRASES
        ):
            # "I hear you, but..." / "sounds fun, but...": the acknowledgement is undercut.
            cues["hollow_ack"] = 1.0
            if contrast[0] <= 6:
                cues["hollow_ack:early"] = 1.0
    words = set(_words(toks))
    if words & lexicon.PRAISE_WORDS and words & lexicon.DIG_WORDS:
        cues["praise_dig"] = 1.0


def _conditioned_cues(
    message: Text,
    reply: Text,
    words: list[str],
    sentences: list[list[str]],
    cues: dict[str, float],
) -> None:
    """Cues that read the reply against the message: deflating good news, echoing, blaming."""
    m_words = set(_words(message.tokens))
    mood = "none"
    if m_words & lexicon.HARD_WORDS:
        mood = "hard"
    elif m_words & lexicon.GOOD_NEWS_WORDS or message.tokens.count("!") >= 2:
        mood = "good"
    cues["mood:" + mood] = 1.0
    deflate = [w for w in words if w in lexicon.DEFLATE_WORDS]
    if deflate:
        cues["deflate"] = 1.0
        cues["deflate:" + mood] = 1.0
        for w in set(deflate):
            cues[f"deflate:{mood}:{w}"] = 1.0
    blame = _count_phrases(reply.padded, lexicon.BLAME_PHRASES)
    if blame:
        cues["blame"] = 1.0
        cues["blame:" + mood] = 1.0
    if sentences:
        first = _words(sentences[0])
        if sentences[0][-1] == "?" and 0 < len(first) <= 2:
            cues["echo_q"] = 1.0
            if set(first) & m_words:
                cues["echo_q_msg"] = 1.0
                cues["echo_q_msg:" + mood] = 1.0
            if len(sentences) > 1:
                cues["echo_q_then_more"] = 1.0
    if cues.get("praise_dig"):
        cues["praise_dig:" + mood] = 1.0
    if cues.get("hollow_ack"):
        cues["hollow_ack:" + mood] = 1.0
    if cues.get("lex:info"):
        cues["lex:info:" + mood] = 1.0
    for name in ("warmth", "advice", "minimise", "dismiss", "self", "judgment", "sarcasm"):
        if cues.get("lex:" + name):
            cues[f"lex:{name}:{mood}"] = 1.0
    if "?" in reply.tokens:
        cues["has_q:" + mood] = 1.0
    if words and len(words) <= 3:
        cues["short:" + mood] = 1.0


def _char_indices(reply: Text) -> tuple[np.ndarray, np.ndarray]:
    data = (" " + reply.raw[:MAX_CHAR_NGRAM_CHARS] + " ").encode("utf-8")
    b = np.frombuffer(data, dtype=np.uint8).astype(np.uint64)
    length = len(b)
    parts = []
    for n in range(2, 6):
        if length < n:
            break
        count = length - n + 1
        h = np.full(count, np.uint64(n * 2654435761 & 0xFFFFFFFF), dtype=np.uint64)
        for k in range(n):
            h = ((h * _PRIME) + b[k : k + count]) & _MASK32
        parts.append(h)
    if not parts:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    h = np.concatenate(parts)
    h = ((h ^ (h >> np.uint64(16))) * _MIX) & _MASK32
    h = h ^ (h >> np.uint64(16))
    idx, counts = np.unique((h & np.uint64(CHAR_DIM - 1)).astype(np.int64), return_counts=True)
    vals = np.log1p(counts.astype(np.float32))
    vals *= np.float32(WEIGHT_CHAR) / np.float32(np.sqrt(np.dot(vals, vals)))
    return idx + WORD_DIM, vals


def featurise(message: str, reply: str) -> tuple[np.ndarray, np.ndarray]:
    """Return (indices, values): a sparse row of length ``DIM`` with unique indices."""
    msg = normalise(message, MAX_MESSAGE_CHARS)
    rep = normalise(reply, MAX_REPLY_CHARS)
    merged: dict[int, float] = _normalised_block(_word_counts(rep), WEIGHT_WORD)
    for idx, val in _normalised_block(_message_counts(msg), WEIGHT_MESSAGE).items():
        merged[idx] = merged.get(idx, 0.0) + val
    for name, val in _cues(msg, rep).items():
        idx = _word_index("cue:" + name)
        merged[idx] = merged.get(idx, 0.0) + val * WEIGHT_CUE
    word_idx = np.fromiter(merged.keys(), dtype=np.int64, count=len(merged))
    word_val = np.fromiter(merged.values(), dtype=np.float32, count=len(merged))
    char_idx, char_val = _char_indices(rep)
    emb_idx, emb_val = _embedding_features(msg, rep)
    return (
        np.concatenate([word_idx, char_idx, emb_idx]),
        np.concatenate([word_val, char_val, emb_val]),
    )


def _embedding_features(message: Text, reply: Text) -> tuple[np.ndarray, np.ndarray]:
    """Dense block: mean word vectors of reply and message, their product and cosine."""
    table = word_vectors()
    r = table.sentence(reply.tokens)
    m = table.sentence(message.tokens)
    product = r * m * np.float32(math.sqrt(table.dims))
    cosine = np.asarray([np.dot(r, m)], dtype=np.float32)
    values = np.concatenate([r, m, product, cosine]).astype(np.float32) * np.float32(WEIGHT_EMB)
    keep = np.flatnonzero(values)
    return keep.astype(np.int64) + EMB_OFFSET, values[keep]
