"""Not done until two people have done a week of questions: Alice in London, Bob in
New York, seven days of the real flow through the pages, the clock moving on."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils.html import escape

from nearer.questions.models import Answer, DailyQuestion
from nearer.questions.tests.base import QuestionTestCase

# Who answers first each day; None: only Alice answers that day.
ORDER = ["bob", "alice", "bob", "alice", None, "alice", "bob"]


def panel_code(body: bytes) -> str:
    found = re.search(r'<section class="card daily" id="daily-([0-9a-f-]{36})"', body.decode())
    assert found, "no question on the page"
    return found.group(1)


class WeekTogetherTestCase(QuestionTestCase):
    def test_a_week_of_questions(self) -> None:
        people = {"alice": self.client_for(self.alice), "bob": self.client_for(self.bob)}
        names = {"alice": "Alice", "bob": "Bob"}
        codes: list[str] = []

        for day, first in enumerate(ORDER):
            # Morning in New York, afternoon in London: both open Today.
            pages = {who: client.get("/") for who, client in people.items()}
            code = panel_code(pages["alice"].content)
            self.assertEqual(panel_code(pages["bob"].content), code)
            self.assertNotIn(code, codes, f"day {day}: the same day twice")
            codes.append(code)
            daily = DailyQuestion.objects.select_related("question").get(code=code)
            for page in pages.values():
                self.assertContains(page, escape(daily.question.text))
                self.assertContains(page, "Save my answer")
            if day > 0 and ORDER[day - 1] is not None:
                self.assertContains(pages["alice"], "Your latest reveal")

            order = [first, "bob" if first == "alice" else "alice"] if first else ["alice"]
            words = {who: f"{names[who]}'s answer for day {day}" for who in order}
            for turn, who in enumerate(order):
                other = "bob" if who == "alice" else "alice"
                r = people[who].post(
                    f"/questions/{code}/answer/", {"text": words[who], "back": "today"}
                )
                self.assertRedirects(r, "/", fetch_redirect_response=False)
                seen_by_other = people[other].get("/")
                if turn == 0:
                    # The other is invited, and sees nothing of the answer.
                    self.assertContains(
                        seen_by_other, f"{names[who]} has answered. Answer to see theirs."
                    )
                    self.assertNotContains(seen_by_other, escape(words[who]))
                    # The one who answered is not told anything about the other.
                    self.assertNotContains(people[who].get("/"), "has answered")
                else:
                    for text in words.values():
                        self.assertContains(seen_by_other, escape(text))
                        self.assertContains(people[who].get("/"), escape(text))
                self.later(hours=5)

            daily.refresh_from_db()
            answers = Answer.objects.filter(daily=daily)
            if first:
                self.assertIsNotNone(daily.revealed_at, day)
                self.assertEqual({a.revealed_at for a in answers}, {daily.revealed_at})
            else:
                self.assertIsNone(daily.revealed_at)
                self.assertFalse(answers.exclude(revealed_at=None).exists())

            # Bob checks in late in his evening, 23:30 in New York: already tomorrow in
            # London, but still the couple's day, so the same question for both.
            self.later(hours=15.5 - 5 * len(order))  # 03:30 UTC
            self.assertEqual(panel_code(people["bob"].get("/").content), code)
            self.assertEqual(panel_code(people["alice"].get("/").content), code)
            self.later(hours=8.5)  # noon UTC: a new day for both

        # A week: seven days, seven different questions, six of them revealed.
        days = DailyQuestion.objects.filter(couple=self.couple).order_by("day")
        self.assertEqual(len(days), 7)
        self.assertEqual(len({d.question_id for d in days}), 7)
        self.assertEqual([d.day for d in days], [days[0].day + timedelta(n) for n in range(7)])
        self.assertEqual(sum(d.revealed_at is not None for d in days), 6)
        # Each sees the week in their history; Bob never sees the answer of the day he
        # skipped (it closed unrevealed), Alice keeps it.
        skipped = ORDER.index(None)
        history = {who: client.get("/questions/") for who, client in people.items()}
        for who in people:
            for day, first in enumerate(ORDER):
                if first is not None:
                    self.assertContains(history[who], escape(f"Bob's answer for day {day}"))
        self.assertContains(history["alice"], escape(f"Alice's answer for day {skipped}"))
        self.assertNotContains(history["bob"], escape(f"Alice's answer for day {skipped}"))
        self.assertNotContains(
            people["bob"].get(f"/questions/{codes[skipped]}/"),
            escape(f"Alice's answer for day {skipped}"),
        )
