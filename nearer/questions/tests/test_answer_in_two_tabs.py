"""/questions/<code>/answer/ from two tabs (or two devices) before the reveal: an edit
based on an older version is refused, and the page shows both texts."""

from __future__ import annotations

import re

from django.test import Client

from nearer.questions.models import Answer
from nearer.questions.tests.base import QuestionTestCase, answer_as, daily_for

HX = {"HX-Request": "true"}
VERSION = re.compile(r'name="version" value="([^"]*)"')
REFUSED = "You changed this answer in another tab or on another device."


def version_in(body: bytes) -> str:
    """The version the answer form on a page is based on."""
    found = VERSION.search(body.decode())
    assert found, "no answer form with a version"
    return found.group(1)


class AnswerInTwoTabsTestCase(QuestionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.daily = daily_for(self.alice)
        self.url = f"/questions/{self.daily.code}/answer/"
        self.day_url = f"/questions/{self.daily.code}/"
        self.phone, self.laptop = self.client_for(self.alice), self.client_for(self.alice)

    def opened(self, client: Client) -> str:
        """Open the day's page in this browser: the version its form is based on."""
        return version_in(client.get(self.day_url).content)

    def saved(self) -> str:
        return Answer.objects.get(daily=self.daily, author=self.alice).text

    def test_the_second_save_is_refused_and_both_texts_show(self) -> None:
        answer_as(self.alice, "My first thought.", self.daily)
        for n, headers in enumerate(({}, HX)):
            with self.subTest(htmx=bool(headers)):
                phone, laptop = self.opened(self.phone), self.opened(self.laptop)
                self.assertEqual(phone, laptop)
                on_phone, on_laptop = f"Typed on the phone, {n}.", f"Typed on the laptop, {n}."
                r = self.phone.post(self.url, {"text": on_phone, "version": phone}, headers=headers)
                self.assertIn(r.status_code, (200, 302))
                r = self.laptop.post(
                    self.url, {"text": on_laptop, "version": laptop}, headers=headers
                )
                self.assertContains(r, REFUSED, status_code=409)
                body = r.content.decode()
                self.assertEqual(body.count(on_phone), 1)  # the saved one, readable
                # The typed one, in the form's own textarea (editable, not read-only).
                typed = re.search(r'<textarea name="text"[^>]*>\s*(.*?)</textarea>', body, re.S)
                assert typed is not None
                self.assertEqual(typed.group(1), on_laptop)
                self.assertNotIn("readonly", typed.group(0))
                self.assertEqual(self.saved(), on_phone)
                if headers:
                    self.assertNotIn("<html", body)

    def test_keeping_the_typed_one(self) -> None:
        answer_as(self.alice, "My first thought.", self.daily)
        laptop = self.opened(self.laptop)
        self.phone.post(self.url, {"text": "From the phone.", "version": self.opened(self.phone)})
        r = self.laptop.post(self.url, {"text": "From the laptop.", "version": laptop})
        self.assertEqual(r.status_code, 409)
        # The refused form is based on what is saved now: sending it keeps the laptop's.
        r = self.laptop.post(
            self.url, {"text": "From the laptop.", "version": version_in(r.content)}
        )
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.saved(), "From the laptop.")

    def test_a_save_based_on_the_current_version_succeeds(self) -> None:
        answer_as(self.alice, "Version one.", self.daily)
        for n, headers in enumerate(({}, HX, {}), start=2):
            version = self.opened(self.phone)
            r = self.phone.post(
                self.url, {"text": f"Version {n}.", "version": version}, headers=headers
            )
            self.assertEqual(r.status_code, 200 if headers else 302)
            answer = Answer.objects.get(daily=self.daily, author=self.alice)
            self.assertEqual((answer.text, answer.version), (f"Version {n}.", n))
            if headers:  # the panel that comes back is based on the new version
                self.assertEqual(version_in(r.content), str(n))

    def test_a_first_save_needs_no_version(self) -> None:
        r = self.phone.post(self.url, {"text": "Without any version."})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.saved(), "Without any version.")

    def test_two_tabs_opened_before_any_answer(self) -> None:
        phone, laptop = self.opened(self.phone), self.opened(self.laptop)
        self.assertEqual(phone, "0")
        self.phone.post(self.url, {"text": "The phone's answer.", "version": phone})
        r = self.laptop.post(self.url, {"text": "The laptop's answer.", "version": laptop})
        self.assertContains(r, REFUSED, status_code=409)
        self.assertContains(r, "The phone&#x27;s answer.", status_code=409)
        self.assertContains(r, "The laptop&#x27;s answer.", status_code=409)
        self.assertEqual(self.saved(), "The phone's answer.")

    def test_the_same_words_from_two_tabs_are_no_conflict(self) -> None:
        # And so a double submit of an edit is no conflict either.
        answer_as(self.alice, "First.", self.daily)
        laptop = self.opened(self.laptop)
        sent = {"text": "Both say this.", "version": self.opened(self.phone)}
        self.assertEqual(self.phone.post(self.url, sent).status_code, 302)
        self.assertEqual(self.phone.post(self.url, sent).status_code, 302)
        r = self.laptop.post(self.url, {"text": "Both say this.", "version": laptop})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Answer.objects.get(author=self.alice).version, 2)

    def test_the_refusal_shows_nothing_of_the_partner(self) -> None:
        answer_as(self.alice, "Mine, first.", self.daily)
        laptop = self.opened(self.laptop)
        self.phone.post(self.url, {"text": "Mine, again.", "version": self.opened(self.phone)})
        for headers in ({}, HX):
            r = self.laptop.post(
                self.url, {"text": "Mine, from the laptop.", "version": laptop}, headers=headers
            )
            self.assertEqual(r.status_code, 409)
        # Bob's page is unchanged by Alice's refused save.
        bob = self.client_for(self.bob).get(self.day_url).content.decode()
        for text in ("Mine, again.", "Mine, from the laptop.", "another tab"):
            self.assertNotIn(text, bob)
