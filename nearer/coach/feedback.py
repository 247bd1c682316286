"""Turn what the model noticed into a few warm, plain words.

At most one suggestion, always with an example built from the partner's own words.
Never a grade of the person, and never a label name: "you went straight to advice",
not "input".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from nearer.coach.language import looks_english

PRESENT = 0.5
_SLIPS = {"judgment", "dismissal", "minimising", "self_focus", "advice", "information"}
FRAGMENT_WORDS = 14

# First person in the partner's message becomes second person in the example.
_SWAP = {
    "i": "you",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "am": "are",
}
# Sentence-initial words safe to lower-case inside "So …" (names keep their capital).
_LOWER_FIRST = {
    "the",
    "a",
    "an",
    "it",
    "it's",
    "this",
    "that",
    "these",
    "we",
    "we're",
    "our",
    "they",
    "their",
    "there",
    "today",
    "tonight",
    "yesterday",
    "work",
    "finally",
    "just",
    "so",
    "and",
    "but",
    "after",
    "when",
    "everything",
    "nothing",
    "someone",
    "nobody",
    "mum",
    "dad",
    "ugh",
    "well",
    "honestly",
    "guess",
    "got",
    "still",
}
_AFTER_I = {"was": "were", "wasn't": "weren't"}
_HAPPY = re.compile(
    r"!|\b(finally|passed|got|won|yay|excited|thrilled|happy|proud|engaged|promot|accepted"
    r"|best|love|amazing|great news|guess what)\w*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Feedback:
    english: bool = True
    strengths: list[str] = field(default_factory=list)
    suggestion: str = ""
    example: str = ""
    reflected: bool = False  # reflected the feeling or put it in their own words
    slipped: bool = False  # a habit worth noticing (advice first, judging, minimising, …)

    @property
    def empty(self) -> bool:
        return not (self.strengths or self.suggestion)


def feedback_for(message: str, reply: str) -> Feedback:
    """What a reply does well, and at most one thing to try, for this message."""
    from nearer.coach.model import score  # loads the model on first use, not on import

    if not looks_english(reply):
        return Feedback(english=False)
    result = score(message, reply)
    present = {name for name, value in result.skills.items() if value >= PRESENT}
    strengths = _strengths(present)
    suggestion, example = _suggestion(result.skills, message)
    return Feedback(
        strengths=strengths,
        suggestion=suggestion,
        example=example,
        reflected=bool(present & {"reflect_feeling", "paraphrase"}),
        slipped=bool(suggestion) and bool(present & _SLIPS),
    )


def _strengths(present: set[str]) -> list[str]:
    said = []
    if "reflect_feeling" in present:
        said.append(_("You named how they might be feeling."))
    if "paraphrase" in present:
        said.append(_("You put what they said into your own words, so they know you heard it."))
    if "validation" in present:
        said.append(_("You showed warmth, and that what they feel matters to you."))
    if "open_question" in present:
        said.append(_("You asked an open question that invites them to say more."))
    if not said and "closed_question" in present:
        said.append(_("You checked in with a question."))
    return said


def _suggestion(skills: Mapping[str, float], message: str) -> tuple[str, str]:
    """The one slip most worth mentioning: whichever the model is surest of."""
    present = {name for name, value in skills.items() if value >= PRESENT}
    heard = bool(present & {"reflect_feeling", "paraphrase", "validation"})
    slips = {name: skills[name] for name in _HARMFUL if name in present}
    if present & {"advice", "information"} and not heard:
        slips["advice_first"] = max(skills["advice"], skills["information"])
    if slips:
        return _SLIP_WORDS[max(slips, key=lambda name: slips[name])](), example_reflection(message)
    if not heard and "open_question" not in present:
        text = _("Try saying back what you heard, in your own words, before anything else.")
        return text, example_reflection(message)
    return "", ""


_HARMFUL = ("judgment", "dismissal", "minimising", "self_focus")
# Lazy, so each is translated into the language active when it is shown.
_SLIP_WORDS: dict[str, Callable[[], str]] = {
    "judgment": lambda: _(
        "Parts of this could sound like criticism, even if you don't mean it that way. "
        "Starting from how it looks on their side usually goes further."
    ),
    "dismissal": lambda: _(
        "This might feel like the subject is being closed or changed. Staying with it a "
        "moment longer can help them feel heard."
    ),
    "minimising": lambda: _(
        "Words like “at least” or “it's just” can make it feel smaller than it is to "
        "them. Try acknowledging how big it feels first."
    ),
    "self_focus": lambda: _(
        "The reply turns toward your own experience. Try staying with theirs a little "
        "longer before sharing yours."
    ),
    "advice_first": lambda: _(
        "You went straight to advice. Reflecting the feeling first often helps advice "
        "land, or shows it isn't needed."
    ),
}


def example_reflection(message: str) -> str:
    """A reflection built from the partner's own words: "So you …. You sound …"."""
    fragment = _fragment(message)
    happy = bool(_HAPPY.search(message))
    if happy:
        feeling = _("You sound really happy about it. What was that like?")
    else:
        feeling = _("That sounds like it's been weighing on you. How are you feeling about it?")
    if not fragment:
        return feeling
    return _("So %(fragment)s. %(feeling)s") % {"fragment": fragment, "feeling": feeling}


def _fragment(message: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+|\n+", message.strip())
    for sentence in sentences:
        words = sentence.strip(" .!?…").split()
        lowered = {w.lower().strip(",;:") for w in words}
        if len(words) < 3 or lowered & {"you", "your", "you're", "yours"}:
            continue
        words = words[:FRAGMENT_WORDS]
        if len(sentence.split()) > FRAGMENT_WORDS and "," in " ".join(words):
            words = " ".join(words).rsplit(",", 1)[0].split()
        return " ".join(_swap(words))
    return ""


def _swap(words: list[str]) -> list[str]:
    out: list[str] = []
    for index, raw in enumerate(words):
        word = raw.replace("\u2019", "'")
        core = word.strip(",;:\"'\u201c\u201d")
        lower = core.lower()
        previous = words[index - 1].lower() if index else ""
        if lower in _AFTER_I and previous == "i":
            swapped = _AFTER_I[lower]
        elif lower == "am" and previous != "i":
            swapped = core
        else:
            keep = core[:1].lower() + core[1:] if index == 0 and lower in _LOWER_FIRST else core
            swapped = _SWAP.get(lower, keep)
        out.append(word.replace(core, swapped) if core else word)
    return out
