"""/questions/: every past question, with what each person may see of it."""

from __future__ import annotations

import re
from datetime import timedelta

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from nearer.questions.models import DailyQuestion
from nearer.questions.tests.base import QuestionTestCase, answer_as, daily_for, reply_as
from nearer.questions.views import HISTORY_PAGE_SIZE


def items(body: bytes) -> list[str]:
    """The dates listed on a history page, in order."""
    return re.findall(
        r'<li class="card">\s*<p class="eyebrow"><time datetime="([\d-]+)"', body.decode()
    )


class HistoryTestCase(QuestionTestCase):
    def test_it_works(self) -> None:
        daily = daily_for(self.alice)
        answer_as(self.alice, "Mine, on the day.", daily)
        answer_as(self.bob, "His, on the day.", daily)
        reply_as(self.bob, "A reply.", daily)
        self.sign_in(self.alice)
        r = self.client.get("/questions/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Mine, on the day.")
        self.assertContains(r, "His, on the day.")
        self.assertContains(r, "1 reply")
        self.assertContains(r, f'href="/questions/{daily.code}/"')

    def test_it_requires_login(self) -> None:
        r = self.client.get("/questions/")
        self.assertRedirects(r, "/sign-in/?next=/questions/", fetch_redirect_response=False)

    def test_it_hides_from_other_couples(self) -> None:
        self.live(3)
        self.sign_in(self.charlie)
        r = self.client.get("/questions/")
        self.assertNotContains(r, "Alice on")
        self.assertNotContains(r, "Bob")
        self.assertEqual(items(r.content), [])
        self.assertNotContains(self.client.get("/questions/", {"q": "on"}), "Alice on")

    def test_partner_cannot_see_it(self) -> None:
        daily = daily_for(self.alice)
        answer_as(self.bob, "Bob's unrevealed words", daily)
        self.sign_in(self.alice)
        r = self.client.get("/questions/")
        self.assertNotContains(r, "unrevealed")
        self.assertContains(r, "Not answered.")

    def test_newest_first_and_paginated(self) -> None:
        self.live(2 * HISTORY_PAGE_SIZE + 5)
        self.sign_in(self.alice)
        first = self.client.get("/questions/")
        dates = items(first.content)
        self.assertEqual(len(dates), HISTORY_PAGE_SIZE)
        self.assertEqual(dates, sorted(dates, reverse=True))
        self.assertContains(first, "Page 1 of 3")
        self.assertContains(first, 'href="?page=2"')
        second = items(self.client.get("/questions/", {"page": 2}).content)
        self.assertEqual(len(second), HISTORY_PAGE_SIZE)
        self.assertLess(second[0], dates[-1])
        last = self.client.get("/questions/", {"page": 3})
        self.assertEqual(len(items(last.content)), 6)  # today's question is listed too
        self.assertNotContains(last, "Older")
        # Nonsense page numbers give a page, not an error.
        self.assertEqual(
            items(self.client.get("/questions/", {"page": "99"}).content), items(last.content)
        )
        self.assertEqual(items(self.client.get("/questions/", {"page": "x"}).content), dates)

    def test_search_matches_own_and_revealed_text_only(self) -> None:
        daily = daily_for(self.alice)
        self.later(days=-2)
        old = daily_for(self.alice)
        answer_as(self.alice, "We walked to the lighthouse", old)
        answer_as(self.bob, "The harbour at dusk", old)
        reply_as(self.alice, "Remember the gulls?", old)
        self.later(days=2)
        answer_as(self.bob, "Hidden harbour secret", daily)  # not revealed: Alice hasn't answered
        # Charlie and Dana say harbour too: nothing of theirs ever shows.
        theirs = daily_for(self.charlie)
        answer_as(self.charlie, "Our harbour", theirs)
        answer_as(self.dana, "Their harbour", theirs)

        self.sign_in(self.alice)

        def found(q: str) -> list[str]:
            return items(self.client.get("/questions/", {"q": q}).content)

        self.assertEqual(found("LIGHTHOUSE"), [old.day.isoformat()])  # her own
        self.assertEqual(found("harbour"), [old.day.isoformat()])  # Bob's, revealed
        self.assertEqual(found("gulls"), [old.day.isoformat()])  # a reply
        self.assertEqual(found("secret"), [])  # Bob's, not yet revealed
        r = self.client.get("/questions/", {"q": "harbour"})
        self.assertNotContains(r, "Hidden harbour secret")
        self.assertNotContains(r, "Our harbour")
        # The search survives paging.
        self.live(HISTORY_PAGE_SIZE + 3)
        r = self.client.get("/questions/", {"q": "Alice on"})
        self.assertContains(r, 'href="?page=2&amp;q=Alice%20on"')
        self.assertContains(r, 'value="Alice on"')

    def test_an_over_long_search_is_ignored_not_an_error(self) -> None:
        self.live(2)
        self.sign_in(self.alice)
        r = self.client.get("/questions/", {"q": "x" * 500})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(len(items(r.content)), 3)

    # With the page cache off: this is the cost of building the page. (History is made
    # directly in the database here, which the cache, rightly, never hears of.)
    @override_settings(PAGE_CACHE=False)
    def test_the_same_number_of_queries_at_one_day_and_ten_years(self) -> None:
        self.live(1)
        self.sign_in(self.alice)
        self.client.get("/questions/")  # warm up (session bookkeeping)
        pages = [("/questions/", {}), ("/questions/", {"q": "Bob"}), ("/questions/", {"page": 2})]
        counts = []
        for url, query in pages:
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(url, query).status_code, 200)
            counts.append(len(captured))

        self.live(3650)
        self.assertGreater(DailyQuestion.objects.filter(couple=self.couple).count(), 3650)
        for (url, query), count in zip(pages, counts, strict=True):
            with self.assertNumQueries(count):
                r = self.client.get(url, query)
            self.assertEqual(len(items(r.content)), HISTORY_PAGE_SIZE, query)
        self.assertContains(r, "Page 2 of 183")
        # Page 2 holds the 21st to the 40th newest days (today's is the first).
        today = daily_for(self.alice).day
        self.assertEqual(
            items(r.content), [(today - timedelta(n)).isoformat() for n in range(20, 40)]
        )
