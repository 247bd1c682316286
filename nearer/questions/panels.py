"""What a person may see of one day's question, gathered in one place for every page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from nearer.accounts.models import User
from nearer.couples.pairing import Pairing
from nearer.questions.forms import AnswerForm, ReplyForm
from nearer.questions.models import Answer, DailyQuestion, ReadMark, Reply
from nearer.questions.services import owns_daily, partner_has_answered, swaps_left, today_for


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
    can_swap: bool = False  # today's, unanswered, with a swap left this week
    # A post that was refused where its form no longer shows (an edit after the reveal,
    # a reply before it, a day that has passed): its explanation and the person's text.
    refused: AnswerForm | ReplyForm | None = None

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
    # Replies open only at the reveal (reply_create refuses before it): none to look for.
    replies = (
        list(
            Reply.objects.visible_to(user, couple)
            .filter(daily=daily)
            .select_related("author")
            .order_by("created_at")
        )
        if daily.revealed_at is not None
        else []
    )
    # A day of an earlier couple can be looked back on (your own answer) but no longer
    # answered or replied to, and says nothing about the former partner.
    own = owns_daily(daily, user, pairing)
    panel = DailyPanel(
        daily=daily,
        mine=mine,
        theirs=theirs,
        partner_answered=theirs is not None or (own and partner_has_answered(daily, user)),
        replies=replies,
    )
    if panel.revealed:
        if own:
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
    elif own and daily.day >= (today := today_for(user, pairing)) - timedelta(days=1):
        panel.open_for_answers = True
        panel.answer_form = answer_form or AnswerForm.editing(mine, text=mine.text if mine else "")
        panel.can_swap = (
            not mine
            and not panel.partner_answered
            and daily.day == today
            and swaps_left(user, pairing, daily.day) > 0
        )
    # Nothing typed is lost: a refused form stays on screen even where the day no
    # longer offers it.
    for sent in (answer_form, reply_form):
        if sent is not None and sent not in (panel.answer_form, panel.reply_form):
            panel.refused = sent
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


def latest_reveal(user: User, pairing: Pairing | None, before: date) -> DailyQuestion | None:
    """The couple's latest revealed day before `before`, with `shown_text`: the wording
    this person was asked (kept with their answer, so content edits never change it)."""
    if pairing is None:
        return None
    shown = Answer.objects.filter(daily=OuterRef("pk"), author=user).values("shown_text")[:1]
    return (
        DailyQuestion.objects.filter(
            couple=pairing.couple, revealed_at__isnull=False, day__lt=before
        )
        .annotate(shown_text=Subquery(shown))
        .select_related("question")
        .order_by("-day")
        .first()
    )
