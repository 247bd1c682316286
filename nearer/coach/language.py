"""Is a reply in English? The coach's feedback is English-only for now.

A cheap, dependency-free guess: words from short stop-word lists of English and of a few
languages couples often write in. English wins ties, and a reply with no telling words
at all ("ok", "👍", "haha") counts as English when it is written in Latin letters.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP_WORDS = {
    "en": _words(
        "i you he she it we they me him her us them my your his its our their a an the and "
        "or but if so to of in on at for with about from by that this what how why when "
        "where who is are was were be been do does did have has had not no yes just really "
        "very can could would should will sounds sound feel like that's it's i'm you're "
        "don't maybe try tonight today going get got love sorry ok okay oh wow"
    ),
    "de": _words(
        "ich du er sie es wir ihr und oder aber nicht das der die ist bin bist sehr mit auf "
        "für zu von wirklich klingt mir dir mehr davon auch noch"
    ),
    "fr": _words(
        "je tu il elle nous vous ils et ou mais pas le la les est suis es très avec pour de "
        "du des une un c'est vraiment toi moi désolé que qui ça mon ma mes ton ta l'air oui "
        "bien merci trop chéri chérie"
    ),
    "es": _words(
        "yo tú él ella nosotros y o pero no el la los las es soy eres muy con para de del "
        "una un que eso esto suena lo siento mucho"
    ),
    "it": _words(
        "io tu lui lei noi voi e o ma non il lo la gli le è sono sei molto con per di del "
        "una un che questo sembra mi dispiace"
    ),
    "pt": _words(
        "eu tu ele ela nós vocês e ou mas não o a os as é sou és muito com para de do da "
        "uma um que isso parece desculpa"
    ),
    "nl": _words(
        "ik jij hij zij het wij jullie en of maar niet de een is ben bent heel met voor van "
        "dat dit klinkt echt sorry"
    ),
}


_NOT_ENGLISH_LETTERS = frozenset("àâäãåçèéêëìíîïñòóôöõùúûüÿßœæøą")


def looks_english(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return True  # emoji, numbers, punctuation: nothing to say it isn't
    letters = "".join(words)
    if sum(1 for ch in letters if ord(ch) < 0x250) < len(letters) * 0.8:
        return False  # mostly outside Latin script
    hits = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOP_WORDS.items()}
    english = hits.pop("en")
    # Letters English doesn't use (é, ç, ñ, ü, ß, œ, …) count against it, word by word.
    accented = sum(1 for w in words if any(ch in _NOT_ENGLISH_LETTERS for ch in w))
    return english >= max(hits.values()) + accented
