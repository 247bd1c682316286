"""/questions/<code>/reply/: replies thread under a reveal; unread markers are per person."""

from __future__ import annotations

import re
import uuid

from nearer.questions.models import REPLY_MAX, ReadMark, Reply
from nearer.questions.services import REPLY_PACE
from nearer.questions.tests.base import (
    QuestionTestCase,
    answer_as,
    daily_for,
    page_text,
    reply_as,
)

HX = {"HX-Request": "true"}
TOKEN = re.compile(r'name="submit_token" value="([^"]+)"')


def token_in(body: bytes) -> str:
    """The submit token of the reply form on a page."""
    found = TOKEN.search(body.decode())
    assert found, "no reply form with a submit token"
    return found.group(1)


class ReplyTestCase(QuestionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.daily = daily_for(self.alice)
        self.url = f"/questions/{self.daily.code}/reply/"

    def reveal(self) -> None:
        answer_as(self.alice, "Alice's answer.", self.daily)
        answer_as(self.bob, "Bob's answer.", self.daily)
        self.daily.refresh_from_db()

    def test_it_works(self) -> None:
        self.reveal()
        self.sign_in(self.alice)
        r = self.client.post(self.url, {"text": "That made me smile."})
        self.assertRedirects(r, f"/questions/{self.daily.code}/", fetch_redirect_response=False)
        reply = Reply.objects.get()
        self.assertEqual(
            (reply.author, reply.couple, reply.visibility, reply.text),
            (self.alice, self.couple, "shared", "That made me smile."),
        )
        self.sign_in(self.bob)
        self.assertContains(
            self.client.get(f"/questions/{self.daily.code}/"), "That made me smile."
        )

    def test_htmx_gets_the_panel_with_the_thread(self) -> None:
        self.reveal()
        self.sign_in(self.alice)
        self.client.post(self.url, {"text": "First."}, headers=HX)
        self.later(minutes=1)
        reply_as(self.bob, "Second.", self.daily)
        self.later(minutes=1)
        r = self.client.post(self.url, {"text": "Third."}, headers=HX)
        self.assertEqual(r.status_code, 200)
        body = r.content.decode()
        self.assertNotIn("<html", body)
        self.assertLess(body.index("First."), body.index("Second."))
        self.assertLess(body.index("Second."), body.index("Third."))

    def test_a_double_submit_stores_one_reply(self) -> None:
        self.reveal()
        self.sign_in(self.alice)
        token = token_in(self.client.get(f"/questions/{self.daily.code}/").content)
        sent = {"text": "Twice, by a double click.", "submit_token": token}
        first = self.client.post(self.url, sent)
        second = self.client.post(self.url, sent)
        # The second answers as the first did: nothing to explain, nothing new stored.
        self.assertEqual((first.status_code, second.status_code), (302, 302))
        r = self.client.post(self.url, sent, headers=HX)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.content.decode().count("Twice, by a double click."), 1)
        self.assertEqual(Reply.objects.filter(daily=self.daily).count(), 1)

    def test_two_forms_store_two_replies(self) -> None:
        self.reveal()
        self.sign_in(self.alice)
        for token in (uuid.uuid4(), uuid.uuid4()):
            r = self.client.post(self.url, {"text": "Me too.", "submit_token": str(token)})
            self.assertEqual(r.status_code, 302)
        self.assertEqual(Reply.objects.filter(daily=self.daily).count(), 2)

    def test_each_reply_form_gets_a_fresh_token(self) -> None:
        self.reveal()
        self.sign_in(self.alice)
        page = self.client.get(f"/questions/{self.daily.code}/").content
        r = self.client.post(
            self.url, {"text": "First.", "submit_token": token_in(page)}, headers=HX
        )
        # The panel that comes back holds an empty form for the next reply, with its own.
        self.assertNotEqual(token_in(r.content), token_in(page))
        again = self.client.get(f"/questions/{self.daily.code}/").content
        self.assertNotEqual(token_in(again), token_in(page))

    def test_an_invalid_reply_keeps_its_token(self) -> None:
        self.reveal()
        self.sign_in(self.alice)
        token = str(uuid.uuid4())
        for headers in ({}, HX):
            r = self.client.post(self.url, {"text": "", "submit_token": token}, headers=headers)
            self.assertEqual(r.status_code, 422)
            self.assertEqual(token_in(r.content), token)
        r = self.client.post(self.url, {"text": "Now with words.", "submit_token": token})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Reply.objects.get().text, "Now with words.")

    def test_the_same_page_sent_with_other_words_stores_both(self) -> None:
        # Today's kept page can hand the same form to two tabs: other words are not a
        # double submit.
        self.reveal()
        self.sign_in(self.alice)
        token = token_in(self.client.get("/").content)
        for text in ("From one tab.", "From the other."):
            self.client.post(self.url, {"text": text, "submit_token": token, "back": "today"})
        self.assertEqual(
            sorted(Reply.objects.values_list("text", flat=True)),
            ["From one tab.", "From the other."],
        )

    def test_it_requires_login(self) -> None:
        self.reveal()
        r = self.client.post(self.url, {"text": "Hello"})
        self.assertRedirects(r, f"/sign-in/?next={self.url}", fetch_redirect_response=False)
        self.assertFalse(Reply.objects.exists())

    def test_it_hides_from_other_couples(self) -> None:
        self.reveal()
        self.sign_in(self.dana)
        self.assertEqual(self.client.post(self.url, {"text": "Hello"}).status_code, 404)
        self.assertEqual(self.client.post(self.url, {"text": "Hello"}, headers=HX).status_code, 404)
        self.assertFalse(Reply.objects.exists())

    def test_reply_before_answering_is_refused_with_an_explanation(self) -> None:
        self.sign_in(self.alice)
        for headers in ({}, HX):
            r = self.client.post(self.url, {"text": "Can I say something?"}, headers=headers)
            self.assertContains(r, "Answer the question first", status_code=409)
            self.assertContains(r, "Can I say something?", status_code=409)
        self.assertFalse(Reply.objects.exists())

    def test_reply_before_the_reveal_is_refused(self) -> None:
        answer_as(self.alice, "Alice's answer.", self.daily)
        self.sign_in(self.alice)
        r = self.client.post(self.url, {"text": "Early words"})
        self.assertContains(r, "Replies open once", status_code=409)
        self.assertContains(r, "Early words", status_code=409)
        self.assertFalse(Reply.objects.exists())
        # And Bob's page carries no trace of the refused attempt.
        self.sign_in(self.bob)
        self.assertNotContains(self.client.get("/"), "Early words")

    def test_over_long_reply_keeps_the_text(self) -> None:
        self.reveal()
        self.sign_in(self.alice)
        text = "z" * (REPLY_MAX + 1)
        for headers in ({}, HX):
            r = self.client.post(self.url, {"text": text}, headers=headers)
            self.assertEqual(r.status_code, 422)
            self.assertContains(r, f"up to {REPLY_MAX} characters", status_code=422)
            self.assertContains(r, text, status_code=422)
        self.assertFalse(Reply.objects.exists())

    def test_empty_reply(self) -> None:
        self.reveal()
        self.sign_in(self.alice)
        self.assertContains(
            self.client.post(self.url, {"text": "  "}), "Your reply is empty", status_code=422
        )
        self.assertFalse(Reply.objects.exists())

    def test_reply_is_escaped(self) -> None:
        self.reveal()
        reply_as(self.alice, "<img src=x onerror=alert(1)>", self.daily)
        self.sign_in(self.bob)
        self.later(days=1)  # so it shows among the unread on Today too
        for url in ("/", f"/questions/{self.daily.code}/"):
            body = self.client.get(url).content.decode()
            self.assertNotIn("<img src=x", body, url)
            self.assertIn("&lt;img src=x", body, url)

    def reply_yesterday(self) -> None:
        """A reply from Alice under yesterday's reveal, seen from today."""
        self.later(days=-1)
        self.yesterday = daily_for(self.alice)
        answer_as(self.alice, "Alice's answer.", self.yesterday)
        answer_as(self.bob, "Bob's answer.", self.yesterday)
        self.later(hours=1)
        reply_as(self.alice, "A note from Alice", self.yesterday)
        self.later(hours=23)
        self.day_url = f"/questions/{self.yesterday.code}/"

    def test_unread_replies_show_on_the_partners_today_until_opened(self) -> None:
        self.reply_yesterday()
        self.sign_in(self.bob)
        today = self.client.get("/")
        self.assertContains(today, "New replies for you")
        self.assertContains(today, "A note from Alice")
        self.assertContains(today, f'href="{self.day_url}"')

        self.client.get(self.day_url)
        self.assertNotContains(self.client.get("/"), "New replies for you")

        # A newer reply is unread again.
        self.later(minutes=5)
        reply_as(self.alice, "And one more thing", self.yesterday)
        today = self.client.get("/")
        self.assertContains(today, "And one more thing")
        self.assertNotContains(today, "A note from Alice")

    def test_the_author_never_sees_their_own_reply_as_unread(self) -> None:
        self.reply_yesterday()
        self.sign_in(self.alice)
        self.assertNotContains(self.client.get("/"), "New replies for you")

    def test_markers_are_per_person(self) -> None:
        self.reply_yesterday()
        reply_as(self.bob, "Bob answers back", self.yesterday)
        self.later(minutes=1)
        self.sign_in(self.bob)
        self.client.get(self.day_url)
        self.assertFalse(ReadMark.objects.filter(user=self.alice).exists())
        self.sign_in(self.alice)
        self.assertContains(self.client.get("/"), "Bob answers back")

    def test_no_read_receipts(self) -> None:
        self.reply_yesterday()
        # Everything Alice can see is the same, to the byte, before and after Bob reads.
        alice = self.client_for(self.alice)
        bob = self.client_for(self.bob)
        urls = ["/", self.day_url, "/questions/", "/questions/?q=note", "/pair/export/"]

        def snapshot() -> dict[str, str]:
            pages = {url: page_text(alice.get(url).content) for url in urls}
            pages["fragment"] = page_text(alice.get(self.day_url, headers=HX).content)
            return pages

        before = snapshot()
        self.assertIn("A note from Alice", before[self.day_url])
        bob.get(self.day_url)
        self.assertTrue(ReadMark.objects.filter(user=self.bob, daily=self.yesterday).exists())
        after = snapshot()
        for url in before:
            self.assertEqual(before[url], after[url], url)

    def test_unread_replies_of_other_couples_never_show(self) -> None:
        self.reply_yesterday()
        self.sign_in(self.charlie)
        self.assertNotContains(self.client.get("/"), "A note from Alice")


class ReplyPaceTestCase(QuestionTestCase):
    """Replies keep a per-person pace: a script can't fill a thread (about 630 landed in
    three minutes before), and the one who hits it is told kindly, text kept."""

    def test_past_the_pace_the_reply_is_kept_and_told_why(self) -> None:
        daily = daily_for(self.alice)
        answer_as(self.alice, "Alice's answer.", daily)
        answer_as(self.bob, "Bob's answer.", daily)
        for n in range(REPLY_PACE.limit):
            reply_as(self.alice, f"Reply {n}.", daily)
        self.sign_in(self.alice)
        url = f"/questions/{daily.code}/reply/"
        for headers in (HX, {}):
            with self.subTest(htmx=bool(headers)):
                r = self.client.post(url, {"text": "PACE-SENTINEL one more"}, headers=headers)
                self.assertContains(r, "taking a breath", status_code=429)
                self.assertContains(r, "PACE-SENTINEL one more", status_code=429)
        self.assertEqual(Reply.objects.filter(author=self.alice).count(), REPLY_PACE.limit)
        # The partner's own pace is untouched.
        reply_as(self.bob, "Bob can still reply.", daily)
        self.assertTrue(Reply.objects.filter(author=self.bob).exists())
