"""The Today page costs the same number of queries whatever the length of history."""

from __future__ import annotations

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from nearer.questions.tests.base import QuestionTestCase


# Measured with the page cache off: this is the cost of building the page. (History is
# made directly in the database here, which the cache, rightly, never hears of.)
@override_settings(PAGE_CACHE=False)
class HomeQueriesTestCase(QuestionTestCase):
    def test_the_same_number_of_queries_at_one_day_and_ten_years(self) -> None:
        self.live(1)
        self.sign_in(self.alice)
        self.client.get("/")  # hands out today's question (a one-off write)
        with CaptureQueriesContext(connection) as one_day:
            assert self.client.get("/").status_code == 200

        self.live(3650)
        with self.assertNumQueries(len(one_day)):
            response = self.client.get("/")
        # Ten years of Bob's replies, none opened yet: a short list, not all of them.
        body = response.content.decode()
        assert "New replies for you" in body
        assert body.count("Bob replies on") == 5
