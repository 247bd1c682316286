"""Today's question, as the shared machinery knows it (nearer.lib.rituals)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nearer.lib.rituals import NavItem, PracticeNote, ReplyKind, Ritual, TodayCard
from nearer.questions import content, demo, replies, today
from nearer.questions.models import Answer, DailyQuestion, ReadMark, Reply

_ASKS = _(
    "Some of Today's questions are about this. Choose it as your monthly focus on the "
    "Us page and they'll come up more often."
)
_NOTES = {
    "honest-conversation": _(
        "Today's question asks you both one thing a day, keeps each answer private until "
        "you've both answered, then lets you reply to each other under the reveal."
    ),
    "curiosity": _(
        "Most of Today's questions are about who you each are and are becoming; a question "
        "you both answered months ago may come back to ask whether it has changed."
    ),
    "vulnerability": _(
        "Once a week Today's question goes somewhere tender. Your answer stays private "
        "until you've both answered, and you can change it until then."
    ),
}
# Every practice the questions in content/ are written for.
_ASKED_ABOUT = (
    "active-listening",
    "affection",
    "appreciation",
    "patience",
    "promises",
    "self-care",
    "self-reflection",
    "shared-goals",
    "support",
    "time-together",
)


def ritual() -> Ritual:
    notes = [
        PracticeNote(slug, text, "home", _("Go to Today's question"))
        for slug, text in _NOTES.items()
    ] + [
        PracticeNote(slug, _ASKS, "questions:history", _("Your questions")) for slug in _ASKED_ABOUT
    ]
    return Ritual(
        label="questions",
        name=_("Today's question"),
        url_prefix="questions/",
        entry_types=(Answer, Reply),
        watched=(DailyQuestion, ReadMark),
        cards=(TodayCard("daily", "questions/today.html#card", today.card, order=10),),
        reply_kinds=(ReplyKind("daily", replies.find),),
        content=(content.load,),
        nav=(NavItem(_("Questions"), "questions:history", order=20),),
        practices=tuple(notes),
        focus=_("Today's questions lean toward them."),
        demo=demo.fill,
        order=10,
    )
