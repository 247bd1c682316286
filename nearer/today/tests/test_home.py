"""/: Today, the home page: today's question, the latest reveal, unread replies."""

from __future__ import annotations

from django.utils.html import escape

from nearer.questions.models import DailyQuestion, Question
from nearer.questions.tests.base import (
    WAITING_WORDS,
    QuestionTestCase,
    answer_as,
    copy_without_content,
    daily_for,
    reply_as,
)

HX = {"HX-Request": "true"}


class HomeTestCase(QuestionTestCase):
    def test_anonymous_sees_the_welcome(self) -> None:
        r = self.client.get("/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Create an account")
        self.assertContains(r, 'href="/sign-in/"')
        self.assertNotContains(r, "Today's question")
        self.assertFalse(DailyQuestion.objects.exists())

    def test_it_works(self) -> None:
        self.sign_in(self.alice)
        r = self.client.get("/")
        self.assertEqual(r.status_code, 200)
        daily = DailyQuestion.objects.get(couple=self.couple)
        self.assertContains(r, "Hello, Alice")
        self.assertContains(r, escape(daily.question.text))
        self.assertContains(r, f'action="/questions/{daily.code}/answer/"')
        self.assertContains(r, '<input type="hidden" name="back" value="today">')
        self.assertIn("no-store", r["Cache-Control"])
        # Bob's Today has the very same question.
        self.sign_in(self.bob)
        self.assertContains(self.client.get("/"), f'action="/questions/{daily.code}/answer/"')
        self.assertEqual(DailyQuestion.objects.count(), 1)

    def test_it_hides_from_other_couples(self) -> None:
        daily = daily_for(self.alice)
        answer_as(self.alice, "Alice's thought", daily)
        self.sign_in(self.charlie)
        r = self.client.get("/")
        self.assertNotContains(r, str(daily.code))
        self.assertNotContains(r, "Alice")

    def test_someone_on_their_own(self) -> None:
        self.sign_in(self.eve)
        r = self.client.get("/")
        daily = DailyQuestion.objects.get(solo_user=self.eve)
        self.assertContains(r, escape(daily.question.text))
        self.assertContains(r, "Just for you.")
        self.assertContains(r, "Pair with your partner")
        self.assertNotContains(r, "Your latest reveal")

    def test_the_latest_reveal(self) -> None:
        self.later(days=-2)
        old = daily_for(self.alice)
        answer_as(self.alice, "Then", old)
        answer_as(self.bob, "Then too", old)
        wording = old.question.text
        self.later(days=1)
        answer_as(self.alice, "Only Alice, yesterday", daily_for(self.alice))
        self.later(days=1)
        # The content is edited later: the card keeps the words they were asked.
        Question.objects.filter(pk=old.question_id).update(
            texts={"en": {"text": "Entirely new wording", "follow_up": ""}}
        )
        self.sign_in(self.bob)
        r = self.client.get("/")
        self.assertContains(r, "Your latest reveal")
        self.assertContains(r, f'href="/questions/{old.code}/"')
        self.assertContains(r, escape(wording))
        self.assertNotContains(r, "Entirely new wording")

        # Once today's is revealed, the panel itself is the latest reveal.
        today = daily_for(self.bob)
        answer_as(self.alice, "Today, Alice", today)
        answer_as(self.bob, "Today, Bob", today)
        r = self.client.get("/")
        self.assertNotContains(r, "Your latest reveal")
        self.assertContains(r, "Today, Alice")

    def test_unread_replies(self) -> None:
        self.later(days=-1)
        yesterday = daily_for(self.alice)
        answer_as(self.alice, "A", yesterday)
        answer_as(self.bob, "B", yesterday)
        reply_as(self.bob, "Bob wrote back", yesterday)
        self.later(days=1)
        self.sign_in(self.alice)
        r = self.client.get("/")
        self.assertContains(r, "New replies for you")
        self.assertContains(r, "Bob wrote back")
        self.client.get(f"/questions/{yesterday.code}/")
        self.assertNotContains(self.client.get("/"), "Bob wrote back")

    def test_a_normal_session_has_no_scores_and_no_waiting(self) -> None:
        alice, bob = self.client_for(self.alice), self.client_for(self.bob)
        bodies: list[tuple[str, bytes]] = []

        def visit(client: object, name: str) -> None:
            day_url = f"/questions/{daily_for(self.alice).code}/"
            for url, headers in (
                ("/", {}),
                (day_url, {}),
                (day_url, HX),
                ("/questions/", {}),
                ("/questions/?q=a", {}),
            ):
                r = client.get(url, headers=headers)  # type: ignore[attr-defined]
                self.assertEqual(r.status_code, 200, url)
                bodies.append((f"{name} {url}", r.content))

        for day in range(2):  # Bob first, then Alice first
            daily = daily_for(self.alice)
            code = daily.code
            visit(alice, "alice before")
            visit(bob, "bob before")
            first, second = (alice, bob) if day % 2 else (bob, alice)
            r = first.post(f"/questions/{code}/answer/", {"text": f"First on day {day}"})
            bodies.append(("first answered", first.get(r.url).content))
            visit(alice, "alice between")
            visit(bob, "bob between")
            second.post(f"/questions/{code}/answer/", {"text": f"Second on day {day}"})
            first.post(f"/questions/{code}/reply/", {"text": "Lovely"}, headers=HX)
            # The refusals speak the same language.
            r = second.post(f"/questions/{code}/answer/", {"text": "An edit"}, headers=HX)
            self.assertEqual(r.status_code, 409)
            bodies.append(("edit after the reveal", r.content))
            r = second.post(f"/questions/{code}/reply/", {"text": ""}, headers=HX)
            self.assertEqual(r.status_code, 422)
            bodies.append(("empty reply", r.content))
            visit(alice, "alice after")
            visit(bob, "bob after")
            self.later(days=1)
        self.assertGreater(len(bodies), 50)
        for name, body in bodies:
            found = WAITING_WORDS.search(copy_without_content(body))
            self.assertIsNone(found, f"{name}: {found and found.group(0)}")
