"""The listening coach, as the shared machinery knows it (nearer.lib.rituals)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from nearer.coach import content
from nearer.lib.rituals import PracticeNote, Ritual, TodayCard


def _card(request: HttpRequest, user: Any, pairing: Any) -> dict[str, Any]:
    return {}  # the same invitation every day: no query


def ritual() -> Ritual:
    return Ritual(
        label="coach",
        name=_("The listening coach"),
        url_prefix="listening/",
        cards=(TodayCard("listening-practice", "coach/today.html#card", _card, order=900),),
        reply_tools=("coach/_check_button.html",),
        content=(content.load,),
        practices=(
            PracticeNote(
                "active-listening",
                _(
                    "Under every reply, \u201cHow might this land?\u201d shows which listening "
                    "skills your draft uses before you send it, and practice mode lets you "
                    "try replies to everyday moments."
                ),
                "coach:practice_list",
                _("Practise listening"),
            ),
        ),
        order=20,
    )
