"""What the listening check says, in plain words, about clear-cut replies."""

from __future__ import annotations

from nearer.coach.feedback import example_reflection, feedback_for

MESSAGE = "My manager moved the deadline again and I lost my whole weekend to it."
LABEL_NAMES = ("reflect_feeling", "self_focus", "judgment", "minimising", "dismissal", "input")


def test_advice_first_gets_one_gentle_suggestion() -> None:
    said = feedback_for(MESSAGE, "You should talk to your manager about it tomorrow.")
    assert said.suggestion
    assert "advice" in said.suggestion
    assert said.slipped


def test_a_reflection_is_named_as_a_strength_without_a_suggestion() -> None:
    said = feedback_for(
        MESSAGE, "That sounds so frustrating. You'd planned that weekend for weeks."
    )
    assert any("feeling" in line for line in said.strengths)
    assert said.suggestion == ""
    assert said.reflected and not said.slipped


def test_minimising_is_noticed() -> None:
    said = feedback_for(MESSAGE, "At least you still have a job, it's not a big deal.")
    assert "smaller" in said.suggestion


def test_the_example_uses_the_partners_own_words() -> None:
    example = example_reflection("I lost my keys again. Ugh.")
    assert example.startswith("So you lost your keys again.")
    happy = example_reflection("I passed my driving test!")
    assert "happy" in happy and "you passed your driving test" in happy


def test_no_label_names_reach_the_person() -> None:
    for reply in ("Calm down.", "Why would you even do that?", "Anyway, dinner?", "ok"):
        said = feedback_for(MESSAGE, reply)
        text = " ".join([*said.strengths, said.suggestion, said.example])
        assert not any(name in text for name in LABEL_NAMES)
        assert len(said.strengths) <= 4 and said.suggestion.count(".") <= 3


def test_non_english_replies_get_the_english_only_note() -> None:
    said = feedback_for(MESSAGE, "Das klingt wirklich anstrengend, erzähl mir mehr davon.")
    assert said.english is False
    assert said.empty
