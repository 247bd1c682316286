"""The Today page cache: reused while nothing changed, rebuilt the moment anything did.

Every change here goes through the app itself (its pages or its services), as people
make them, and each test checks the page a person sees right after it.
"""

from __future__ import annotations

import re

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from nearer.accounts.models import User
from nearer.accounts.services import account_delete
from nearer.couples.services import couple_end
from nearer.keptpages import pages as page_cache
from nearer.keptpages.models import CachedPage
from nearer.questions.models import DailyQuestion
from nearer.questions.tests.base import QuestionTestCase, answer_as, daily_for, reply_as
from nearer.testing import sign_in

NONCE = re.compile(r'nonce="([^"]+)"')


class PageCacheTestCase(QuestionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.alice_client = self.client_for(self.alice)
        self.bob_client = self.client_for(self.bob)
        # A browser's first visit sets its CSRF cookie and is never cached; today's
        # question is handed out here too, so each test starts from a settled day.
        daily_for(self.alice)
        self.today(self.alice_client)
        self.today(self.bob_client)

    def today(self, client: Client) -> str:
        response = client.get("/")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_second_visit_reuses_the_page_with_a_fresh_nonce(self) -> None:
        first = self.alice_client.get("/")
        self.assertEqual(stored_pages(), 1)
        with CaptureQueriesContext(connection) as queries:
            second = self.alice_client.get("/")
        # The session with the person and their pairing, then the kept page.
        self.assertEqual(len(queries), 2)
        nonces = set(NONCE.findall(second.content.decode()))
        self.assertEqual(len(nonces), 1)
        nonce = nonces.pop()
        self.assertNotIn(nonce, first.content.decode())
        self.assertIn(f"'nonce-{nonce}'", second["Content-Security-Policy"])
        self.assertEqual(
            NONCE.sub("", first.content.decode()), NONCE.sub("", second.content.decode())
        )
        self.assertIn("no-store", second["Cache-Control"])

    def test_the_cached_page_forms_still_post(self) -> None:
        client = Client(enforce_csrf_checks=True)
        sign_in(client, self.alice)
        client.get("/")  # sets the CSRF cookie
        client.get("/")
        page = self.today(client)  # served from the cache
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        daily = daily_for(self.alice)
        response = client.post(
            f"/questions/{daily.code}/answer/",
            {"text": "Posted from a cached page", "back": "today", "csrfmiddlewaretoken": token[1]},
        )
        self.assertEqual(response.status_code, 302)
        self.assertIn("Posted from a cached page", self.today(client))

    def test_the_partner_answering_shows_at_once(self) -> None:
        self.assertNotIn("has answered", self.today(self.alice_client))
        self.today(self.alice_client)
        answer_as(self.bob, "Bob's secret answer")
        page = self.today(self.alice_client)
        self.assertIn("has answered", page)
        self.assertNotIn("Bob&#x27;s secret answer", page)
        self.assertNotIn("Bob's secret answer", page)

    def test_the_reveal_and_a_reply_show_at_once(self) -> None:
        daily = daily_for(self.alice)
        answer_as(self.alice, "Mine")
        self.today(self.bob_client)
        answer_as(self.bob, "A sunny balcony")
        self.assertIn("A sunny balcony", self.today(self.alice_client))
        self.today(self.alice_client)
        reply_as(self.bob, "And a kettle nearby", daily)
        self.assertIn("And a kettle nearby", self.today(self.alice_client))

    def test_unread_replies_leave_the_list_once_read(self) -> None:
        self.live(3)
        yesterday = DailyQuestion.objects.filter(couple=self.couple).order_by("-day")[1]
        self.today(self.alice_client)
        reply_as(self.bob, "Thinking of this again", yesterday)
        self.assertIn("Thinking of this again", self.today(self.alice_client))
        self.alice_client.get(f"/questions/{yesterday.code}/")
        self.assertNotIn("Thinking of this again", self.today(self.alice_client))

    def test_a_swap_shows_the_new_question(self) -> None:
        before = daily_for(self.alice).question.text
        self.today(self.alice_client)
        self.alice_client.post(f"/questions/{daily_for(self.alice).code}/swap/")
        after = DailyQuestion.objects.get(pk=daily_for(self.alice).pk).question.text
        self.assertNotEqual(before, after)
        page = self.today(self.alice_client)
        self.assertIn(escape(after), page)
        self.assertNotIn(escape(before), page)

    def test_a_partner_renaming_themselves_shows(self) -> None:
        daily = daily_for(self.alice)
        answer_as(self.alice, "Mine")
        answer_as(self.bob, "Theirs")
        reply_as(self.bob, "Hello there", daily)
        self.assertIn("Bob", self.today(self.alice_client))
        User.objects.filter(pk=self.bob.pk).update(display_name="Roberta")
        self.assertIn("Roberta", self.today(self.alice_client))

    def test_unpairing_shows_at_once(self) -> None:
        answer_as(self.bob, "Bob's answer")
        self.assertIn("has answered", self.today(self.alice_client))
        self.assertEqual(stored_pages(), 1)
        with self.captureOnCommitCallbacks(execute=True):
            couple_end(couple=self.couple)
        self.assertEqual(stored_pages(), 0)
        page = self.today(self.alice_client)
        self.assertNotIn("has answered", page)
        self.assertIn("Invite your partner", page)

    def test_one_persons_page_is_never_served_to_another(self) -> None:
        answer_as(self.alice, "Alice's private words")
        self.assertIn("private words", self.today(self.alice_client))
        # Same browser, same CSRF cookie, another person.
        cookie = self.alice_client.cookies["csrftoken"].value
        self.alice_client.logout()
        sign_in(self.alice_client, self.bob)
        self.alice_client.cookies["csrftoken"] = cookie
        page = self.today(self.alice_client)
        self.assertIn("Hello, Bob", page)
        self.assertNotIn("private words", page)

    def test_a_new_day_brings_a_new_page(self) -> None:
        first = daily_for(self.alice)
        self.today(self.alice_client)
        self.later(days=1)
        page = self.today(self.alice_client)
        second = daily_for(self.alice)
        self.assertNotEqual(first.pk, second.pk)
        self.assertIn(f"/questions/{second.code}/answer/", page)

    def test_a_flash_message_is_shown_once_and_never_kept(self) -> None:
        self.today(self.alice_client)
        daily = daily_for(self.alice)
        self.alice_client.post(
            f"/questions/{daily.code}/answer/", {"text": "Saved text", "back": "today"}
        )
        self.assertIn("Saved. It", self.today(self.alice_client))
        self.assertNotIn("Saved. It", self.today(self.alice_client))
        self.assertNotIn("Saved. It", self.today(self.alice_client))

    def test_an_htmx_request_is_never_answered_from_the_cache(self) -> None:
        self.today(self.alice_client)
        with CaptureQueriesContext(connection) as queries:
            self.alice_client.get("/", headers={"HX-Request": "true"})
        self.assertGreater(len(queries), 3)

    def test_expired_pages_are_rebuilt_and_pruned(self) -> None:
        self.today(self.alice_client)
        self.later(hours=2)  # past PAGE_CACHE_SECONDS (an hour)
        with CaptureQueriesContext(connection) as queries:
            self.today(self.alice_client)
        self.assertGreater(len(queries), 3)
        self.today(self.bob_client)
        self.later(hours=2)
        page_cache.prune_expired.wake()
        self.assertTrue(page_cache.prune_expired())
        self.assertEqual(stored_pages(), 0)
        self.assertFalse(page_cache.prune_expired())

    def test_deleting_an_account_deletes_both_peoples_pages(self) -> None:
        answer_as(self.alice, "Words that go with me")
        answer_as(self.bob, "Bob's words")
        self.assertIn("Words that go with me", self.today(self.alice_client))
        self.assertIn("Words that go with me", self.today(self.bob_client))
        self.assertEqual(stored_pages(), 2)
        with self.captureOnCommitCallbacks(execute=True):
            account_delete(user=self.alice)
        self.assertEqual(stored_pages(), 0)
        self.assertNotIn("Words that go with me", self.today(self.bob_client))

    def test_storing_a_newer_page_replaces_the_older_one(self) -> None:
        self.today(self.alice_client)
        answer_as(self.bob, "Something new")
        self.today(self.alice_client)
        self.assertEqual(CachedPage.objects.filter(user=self.alice).count(), 1)

    def test_loading_content_empties_the_cache(self) -> None:
        self.today(self.alice_client)
        self.assertEqual(stored_pages(), 1)
        call_command("load_content", verbosity=0)
        self.assertEqual(stored_pages(), 0)


class HistoryCacheTestCase(QuestionTestCase):
    """The history page rides on the same versions as Today."""

    def setUp(self) -> None:
        super().setUp()
        self.alice_client = self.client_for(self.alice)
        self.daily = daily_for(self.alice)
        self.alice_client.get("/questions/")  # sets the CSRF cookie

    def history(self) -> str:
        response = self.alice_client.get("/questions/")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_second_visit_is_served_from_the_cache(self) -> None:
        first = self.history()
        with CaptureQueriesContext(connection) as queries:
            second = self.history()
        self.assertEqual(len(queries), 2)  # the session with the person, then the page
        self.assertEqual(NONCE.sub("", first), NONCE.sub("", second))

    def test_answers_and_the_reveal_show_at_once_and_never_early(self) -> None:
        self.history()
        answer_as(self.bob, "Bob's hidden answer")
        page = self.history()
        self.assertNotIn("hidden answer", page)
        answer_as(self.alice, "Alice's own answer")
        page = self.history()
        self.assertIn("own answer", page)
        self.assertIn("hidden answer", page)  # revealed: both answered

    def test_searches_are_never_cached(self) -> None:
        answer_as(self.alice, "Searchable words")
        self.alice_client.get("/questions/", {"q": "Searchable"})
        with CaptureQueriesContext(connection) as queries:
            response = self.alice_client.get("/questions/", {"q": "Searchable"})
        self.assertGreater(len(queries), 3)
        self.assertContains(response, "Searchable words")
        self.assertEqual(stored_pages(), 0)


def stored_pages() -> int:
    return CachedPage.objects.count()
