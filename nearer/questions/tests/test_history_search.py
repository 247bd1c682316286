"""Searching the history: by POST, so the words searched for are never in a URL, the
access log, any log record or the page cache."""

from __future__ import annotations

import logging
import re

from django.http import HttpResponse
from django.test import Client

from nearer.keptpages.models import CachedPage
from nearer.questions.models import Answer
from nearer.questions.tests.base import QuestionTestCase
from nearer.questions.views import HISTORY_PAGE_SIZE
from nearer.testing import sign_in

# The words searched for; the answers hold them in lower case, so anything in upper case
# found anywhere came from the search itself.
SENTINEL = "QUOKKASENTINEL"
WRITTEN = f"A {SENTINEL.lower()} walk"
URLS = re.compile(r'\b(?:href|action|src|formaction|hx-[a-z]+)="([^"]*)"')
Records = list[logging.LogRecord]


def csrf_token(client: Client) -> str:
    page = client.get("/questions/").content.decode()
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[0]


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class HistorySearchTestCase(QuestionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.live(HISTORY_PAGE_SIZE + 3)
        Answer.objects.filter(author=self.alice).update(text=WRITTEN)
        self.browser = Client(enforce_csrf_checks=True)
        sign_in(self.browser, self.alice)
        self.token = csrf_token(self.browser)

    def search(self, **data: str) -> tuple[HttpResponse, Records]:
        keep, root = _Keep(), logging.getLogger()
        level = root.level
        root.addHandler(keep)
        root.setLevel(logging.DEBUG)
        try:
            r = self.browser.post("/questions/", {"csrfmiddlewaretoken": self.token, **data})
        finally:
            root.removeHandler(keep)
            root.setLevel(level)
        return r, keep.records

    def assert_nowhere_but_the_page(self, r: HttpResponse, records: Records) -> None:
        self.assertEqual(r.status_code, 200)  # results in the answer: no redirect
        self.assertNotIn(SENTINEL, r.get("Location", ""))
        urls = URLS.findall(r.content.decode())
        self.assertTrue(urls)
        self.assertEqual([url for url in urls if SENTINEL in url], [])
        for record in records:
            self.assertNotIn(SENTINEL, record.getMessage())
            self.assertNotIn(SENTINEL, repr(record.__dict__))
        kept = CachedPage.objects.values_list("body", flat=True)
        self.assertFalse([body for body in kept if SENTINEL.encode() in bytes(body)])

    def test_the_words_never_reach_a_url_or_a_log(self) -> None:
        page = self.browser.get("/questions/").content.decode()
        self.assertIn('<form method="post" action="/questions/" class="search"', page)

        r, records = self.search(q=SENTINEL)
        self.assert_nowhere_but_the_page(r, records)
        self.assertContains(r, f'value="{SENTINEL}"')  # kept in the box, not in a link
        self.assertContains(r, "Page 1 of 2")
        self.assertEqual(r.content.decode().count(WRITTEN), HISTORY_PAGE_SIZE)

        # The next page of results is posted too.
        self.assertContains(r, 'name="page" value="2"')
        r, records = self.search(q=SENTINEL, page="2")
        self.assert_nowhere_but_the_page(r, records)
        self.assertContains(r, "Page 2 of 2")
        self.assertContains(r, 'name="page" value="1"')

    def test_a_search_is_never_kept_by_the_page_cache(self) -> None:
        before = CachedPage.objects.count()
        self.search(q=SENTINEL)
        self.search(q=SENTINEL)
        self.assertEqual(CachedPage.objects.count(), before)
        # The plain page is kept as before, and shows nothing of the search.
        page = self.browser.get("/questions/")
        self.assertNotContains(page, f'value="{SENTINEL}"')

    def test_a_search_needs_the_csrf_token(self) -> None:
        r = self.browser.post("/questions/", {"q": SENTINEL})
        self.assertEqual(r.status_code, 403)

    def test_it_hides_from_other_couples(self) -> None:
        sign_in(self.browser, self.charlie)
        token = csrf_token(self.browser)
        r = self.browser.post("/questions/", {"csrfmiddlewaretoken": token, "q": SENTINEL})
        self.assertNotContains(r, WRITTEN)
        self.assertContains(r, "Nothing matches that search yet.")
