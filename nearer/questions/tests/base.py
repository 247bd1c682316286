"""What the question tests share: the content, a frozen clock, and a few short-cuts.

The clock is frozen at noon UTC (morning in New York, early afternoon in London), so
Alice and Bob share one calendar date and no test can straddle a midnight by chance.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from nearer.accounts.models import User
from nearer.couples.pairing import pairing_for
from nearer.entries.models import Visibility
from nearer.questions import services
from nearer.questions.models import Answer, DailyQuestion, Question, Reply
from nearer.testing import BaseTestCase, without_tokens

# Tomorrow at noon UTC: in the future (so rows made by setUpTestData are in the past),
# and the same date for London and New York.
NOON = datetime.combine(timezone.now().date() + timedelta(days=1), time(12), tzinfo=UTC)

WAITING_WORDS = re.compile(r"\b(streaks?|points?|badges?|waiting|wait for|hasn't answered)\b", re.I)


def daily_for(user: User) -> DailyQuestion:
    """Today's question for `user`, as the Today page hands it out."""
    return services.daily_get_or_create(user=user, pairing=pairing_for(user))


def answer_as(user: User, text: str, daily: DailyQuestion | None = None) -> Answer:
    daily = daily or daily_for(user)
    answer, _revealed = services.answer_save(daily=daily, user=user, text=text)
    return answer


def reply_as(user: User, text: str, daily: DailyQuestion) -> Reply:
    daily.refresh_from_db()
    return services.reply_create(daily=daily, user=user, text=text)


def page_text(body: bytes) -> str:
    """A page as comparable text: per-request secrets, and the token a form gets each
    time it is rendered (nearer.entries.submits), blanked out."""
    body_text = re.sub(r'name="submit_token" value="[^"]*"', "SUBMIT", body.decode())
    return without_tokens(body_text)


def copy_without_content(body: bytes) -> str:
    """The page's own words, with the wording of the questions handed out so far taken
    out (our content, which may legitimately say "waiting")."""
    text = body.decode()
    asked = Question.objects.filter(pk__in=DailyQuestion.objects.values("question"))
    wordings = {w for texts in asked.values_list("texts", flat=True) for w in _wordings(texts)}
    wordings |= set(Answer.objects.values_list("shown_text", flat=True))
    for wording in sorted(wordings, key=len, reverse=True):
        text = text.replace(escape(wording), "")
    return text


def _wordings(texts: dict[str, dict[str, str]]) -> list[str]:
    return [w for item in texts.values() for w in (item.get("text"), item.get("follow_up")) if w]


class QuestionTestCase(BaseTestCase):
    """BaseTestCase with the content loaded and the clock frozen at NOON."""

    traveller: time_machine.travel

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_content", verbosity=0)

    def setUp(self) -> None:
        super().setUp()
        self.traveller = time_machine.travel(NOON, tick=False)
        self.clock = self.traveller.start()
        self.addCleanup(self.traveller.stop)

    def later(self, **delta: float) -> None:
        """Move the frozen clock forward."""
        self.clock.shift(timedelta(**delta))

    def client_for(self, user: User) -> Client:
        """A separate browser, signed in as `user`."""
        from nearer.testing import sign_in

        client = Client()
        sign_in(client, user)
        return client

    def live(self, days: int, *, revealed: bool = True, replies: bool = True) -> None:
        """`days` past days for Alice and Bob, made directly in bulk (newest: yesterday)."""
        today = daily_for(self.alice).day
        questions = list(Question.objects.order_by("pk"))
        now = timezone.now()
        existing = set(
            DailyQuestion.objects.filter(couple=self.couple).values_list("day", flat=True)
        )
        dailies = DailyQuestion.objects.bulk_create(
            DailyQuestion(
                couple=self.couple,
                day=day,
                question=questions[n % len(questions)],
                revealed_at=now if revealed else None,
            )
            for n in range(days)
            if (day := today - timedelta(days=n + 1)) not in existing
        )
        dailies = list(DailyQuestion.objects.filter(pk__in=[d.pk for d in dailies]))
        Answer.objects.bulk_create(
            Answer(
                daily=daily,
                author=person,
                couple=self.couple,
                visibility=Visibility.REVEAL,
                revealed_at=now if revealed else None,
                shown_text=questions[0].text,
                text=f"{person.display_name} on {daily.day}",
            )
            for daily in dailies
            for person in (self.alice, self.bob)
        )
        if replies:
            Reply.objects.bulk_create(
                Reply(
                    daily=daily,
                    author=self.bob,
                    couple=self.couple,
                    visibility=Visibility.SHARED,
                    text=f"Bob replies on {daily.day}",
                )
                for daily in dailies
            )

    def live_alone(self, user: User, days: int) -> None:
        """QuestionTestCase.live for someone unpaired: `days` past days, answered."""
        today = daily_for(user).day
        questions = list(Question.objects.order_by("pk"))
        existing = set(DailyQuestion.objects.filter(solo_user=user).values_list("day", flat=True))
        dailies = DailyQuestion.objects.bulk_create(
            DailyQuestion(solo_user=user, day=day, question=questions[n % len(questions)])
            for n in range(days)
            if (day := today - timedelta(days=n + 1)) not in existing
        )
        dailies = list(DailyQuestion.objects.filter(pk__in=[d.pk for d in dailies]))
        Answer.objects.bulk_create(
            Answer(
                daily=daily,
                author=user,
                visibility=Visibility.PRIVATE,
                shown_text=daily.question.text,
                text=f"{user.display_name} alone on {daily.day}",
                created_at=timezone.now(),
            )
            for daily in dailies
        )
