"""What a person may see of one day's question, gathered in one place for every page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, QuerySet

from nearer.accounts.models import User
from nearer.couples.pairing import Pairing
from nearer.questions.forms import AnswerForm, ReplyForm
from nearer.questions.models import Answer, DailyQuestion, ReadMark, Reply
from nearer.questions.services import partner_has_answered, today_for


@dataclass
class DailyPanel:
    daily: DailyQuestion
    mine: Answer | None
    theirs: Answer | None
    partner_answered: bool
    replies: list[Reply]
    earlier: list[Answer] = field(default_factory=list)  # a revisit's earlier answers
    answer_form: AnswerForm | None = None
    reply_form: ReplyForm | None = None
    show_follow_up: bool = False
    open_for_answers: bool = False

    @property
    def revealed(self) -> bool:
        return self.daily.revealed_at is not None


def _diverge(first: str, second: str) -> bool:
    """Answers that share almost no words are worth a follow-up conversation."""
    a, b = set(first.lower().split()), set(second.lower().split())
    if not a or not b:
        return False
    return len(a & b) / len(a | b) < 0.12


def daily_panel(
    daily: DailyQuestion,
    user: User,
    pairing: Pairing | None,
    answer_form: AnswerForm | None = None,
    reply_form: ReplyForm | None = None,
) -> DailyPanel:
    couple = pairing.couple if pairing else None
    answers = list(Answer.objects.visible_to(user, couple).filter(daily=daily))
    mine = next((a for a in answers if a.author_id == user.pk), None)
    theirs = next((a for a in answers if a.author_id != user.pk), None)
    replies = list(
        Reply.objects.visible_to(user, couple)
        .filter(daily=daily)
        .select_related("author")
        .order_by("created_at")
    )
    panel = DailyPanel(
        daily=daily,
        mine=mine,
        theirs=theirs,
        partner_answered=theirs is not None or partner_has_answered(daily, user),
        replies=replies,
    )
    if panel.revealed:
        panel.reply_form = reply_form or ReplyForm()
        if daily.revisit_of_id:
            panel.earlier = list(
                Answer.objects.visible_to(user, couple)
                .filter(daily_id=daily.revisit_of_id)
                .select_related("author", "daily")
            )
        follow_up = daily.question.follow_up
        panel.show_follow_up = bool(follow_up) and (
            daily.question.depth == 3 or bool(mine and theirs and _diverge(mine.text, theirs.text))
        )
    elif daily.day >= today_for(user, pairing) - timedelta(days=1):
        panel.open_for_answers = True
        panel.answer_form = answer_form or AnswerForm(initial={"text": mine.text if mine else ""})
    return panel


def unread_replies(user: User, pairing: Pairing | None, limit: int = 5) -> QuerySet[Reply]:
    """The partner's replies this person hasn't opened yet, newest first."""
    if pairing is None:
        return Reply.objects.none()
    seen = ReadMark.objects.filter(
        user=user, daily=OuterRef("daily"), read_at__gte=OuterRef("created_at")
    )
    return (
        Reply.objects.visible_to(user, pairing.couple)
        .filter(couple=pairing.couple)
        .exclude(author=user)
        .exclude(Exists(seen))
        .select_related("author", "daily__question")
        .order_by("-created_at")[:limit]
    )


def latest_reveal(pairing: Pairing | None, before: date) -> DailyQuestion | None:
    if pairing is None:
        return None
    return (
        DailyQuestion.objects.filter(
            couple=pairing.couple, revealed_at__isnull=False, day__lt=before
        )
        .select_related("question")
        .order_by("-day")
        .first()
    )
