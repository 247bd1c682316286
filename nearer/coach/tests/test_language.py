from __future__ import annotations

import pytest

from nearer.coach.language import looks_english


@pytest.mark.parametrize(
    "reply",
    [
        "Maybe try going to bed earlier tonight?",
        "ok",
        "Sounds rough.",
        "👍",
        "haha same",
        "I love you",
        "Wow, congrats!!",
        "Ugh, Montag.",
        "That café sounds lovely, what a day.",
    ],
)
def test_english_and_wordless_replies_count_as_english(reply: str) -> None:
    assert looks_english(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Das klingt wirklich anstrengend, erzähl mir mehr davon.",
        "C'est vraiment dur, je suis désolé pour toi.",
        "Eso suena muy difícil, lo siento mucho.",
        "Это звучит тяжело",
        "それは大変だったね",
        "Je t'aime",
        "Ça a l'air épuisant, mon cœur.",
    ],
)
def test_other_languages_are_noticed(reply: str) -> None:
    assert not looks_english(reply)
