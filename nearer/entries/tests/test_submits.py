"""Sending a form twice stores once (nearer.entries.submits), tried on a real entry type
(the replies of Today's question)."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from django import forms
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import UniqueConstraint
from django.utils import timezone

from nearer.entries.models import Entry, Visibility
from nearer.entries.pace import Pace, TooFast
from nearer.entries.submits import SubmitOnce, create_once
from nearer.lib import rituals
from nearer.limits.models import RateCounter
from nearer.questions.models import DailyQuestion, Question, Reply
from nearer.testing import BaseTestCase

TOKEN = re.compile(r'name="submit_token" value="([^"]+)"')


class NoteForm(SubmitOnce):
    text = forms.CharField()


def token_in(html: str) -> str:
    found = TOKEN.search(html)
    assert found, html
    return found.group(1)


class SubmitTokenTestCase(BaseTestCase):
    def test_each_empty_form_gets_a_fresh_token(self) -> None:
        first, second = str(NoteForm()), str(NoteForm())
        self.assertIn('type="hidden"', first)
        self.assertNotEqual(token_in(first), token_in(second))
        uuid.UUID(token_in(first))

    def test_one_form_renders_the_same_token_each_time(self) -> None:
        form = NoteForm()
        self.assertEqual(token_in(str(form)), token_in(str(form)))

    def test_an_invalid_form_keeps_the_token_it_was_sent(self) -> None:
        sent = str(uuid.uuid4())
        form = NoteForm({"submit_token": sent, "text": ""})
        self.assertFalse(form.is_valid())
        self.assertEqual(token_in(str(form)), sent)

    def test_the_token_is_cleaned_to_a_uuid(self) -> None:
        sent = uuid.uuid4()
        form = NoteForm({"submit_token": str(sent), "text": "x"})
        self.assertTrue(form.is_valid())
        self.assertEqual(form.cleaned_data["submit_token"], sent)

    def test_a_missing_or_mangled_token_is_no_token_and_no_error(self) -> None:
        for data in ({"text": "x"}, {"text": "x", "submit_token": "not-a-uuid"}):
            form = NoteForm(data)
            self.assertTrue(form.is_valid(), form.errors)
            self.assertIsNone(form.cleaned_data["submit_token"])


class OneDayTestCase(BaseTestCase):
    """A day of Today's question to hang replies on."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_content", verbosity=0)
        cls.daily = DailyQuestion.objects.create(
            couple=cls.couple, day=date(2024, 1, 1), question=Question.objects.first()
        )

    def reply_once(
        self, token: uuid.UUID | None, text: str = "Me too.", **extra: Any
    ) -> tuple[Reply, bool]:
        """create_once for a reply under the day, by Alice unless `author=` says."""
        fields = {"author": self.alice, "daily": self.daily, "couple": self.couple}
        fields |= {"visibility": Visibility.SHARED, "text": text, **extra}
        return create_once(Reply, submit_token=token, **fields)

    def reply(self, token: uuid.UUID | None, text: str = "Me too.", **extra: Any) -> Reply:
        return self.reply_once(token, text, **extra)[0]


class CreateOnceTestCase(OneDayTestCase):
    def test_the_same_token_stores_once(self) -> None:
        token = uuid.uuid4()
        first, created = self.reply_once(token)
        self.assertTrue(created)
        for _ in range(3):
            again, created = self.reply_once(token)
            self.assertFalse(created)
            self.assertEqual(again.pk, first.pk)
        self.assertEqual(Reply.objects.count(), 1)
        self.assertIsNotNone(first.submit_token)

    def test_inside_a_transaction_the_twin_is_read_back(self) -> None:
        # As in a @pairing_write service: the refused insert must not break the
        # transaction around it.
        token = uuid.uuid4()
        with transaction.atomic():
            first = self.reply(token)
            again = self.reply(token)
            self.assertEqual(first.pk, again.pk)
            Reply.objects.count()  # the transaction is still usable
        self.assertEqual(Reply.objects.count(), 1)

    def test_different_tokens_store_both(self) -> None:
        self.reply(uuid.uuid4())
        self.reply(uuid.uuid4())
        self.assertEqual(Reply.objects.count(), 2)

    def test_other_words_from_the_same_form_are_stored_too(self) -> None:
        # One rendering sent twice with different words (a kept page open in two tabs,
        # the back button): two replies, not a double submit.
        token = uuid.uuid4()
        first, second = self.reply(token, "Yes."), self.reply(token, "And also no.")
        self.assertNotEqual(first.pk, second.pk)
        self.assertEqual(self.reply(token, "And also no.").pk, second.pk)
        self.assertEqual(Reply.objects.count(), 2)

    def test_the_token_is_per_author(self) -> None:
        token = uuid.uuid4()
        mine = self.reply(token)
        bobs, created = self.reply_once(token, author=self.bob)
        self.assertTrue(created)
        self.assertNotEqual(mine.pk, bobs.pk)

    def test_without_a_token_it_just_creates(self) -> None:
        self.reply(None)
        self.reply(None)
        self.assertEqual(Reply.objects.filter(submit_token__isnull=True).count(), 2)

    def test_another_constraint_is_not_mistaken_for_a_twin(self) -> None:
        with self.assertRaises(IntegrityError):
            self.reply(uuid.uuid4(), daily=None)


class EveryEntryTypeTestCase(BaseTestCase):
    def test_every_entry_type_keeps_the_submit_once_constraint(self) -> None:
        # A subclass declaring its own Meta.constraints must keep Entry's.
        for model in rituals.entry_types():
            assert issubclass(model, Entry)
            with self.subTest(model=model._meta.label):
                once = [
                    c
                    for c in model._meta.constraints
                    if isinstance(c, UniqueConstraint)
                    and tuple(c.fields) == ("author", "submit_token")
                    and c.condition is not None
                ]
                self.assertEqual(len(once), 1, f"{model._meta.label} lost Entry's constraints")
                self.assertTrue(once[0].name.startswith(f"{model._meta.app_label}_"))


class PaceTestCase(OneDayTestCase):
    """A pace (nearer.entries.pace) stops a flood of new rows, not a double submit."""

    pace = Pace("test-note", limit=3, window=600)

    def paced(self, token: uuid.UUID | None, text: str = "Me too.") -> Reply:
        return self.reply(token, text, pace=self.pace)

    def test_past_the_pace_nothing_is_stored_and_it_says_why(self) -> None:
        for n in range(3):
            self.paced(uuid.uuid4(), f"Note {n}.")
        with self.assertRaisesRegex(TooFast, "taking a breath"):
            self.paced(uuid.uuid4(), "One too many.")
        self.assertEqual(Reply.objects.count(), 3)
        self.assertFalse(Reply.objects.filter(text="One too many.").exists())

    def test_a_double_submit_costs_no_try(self) -> None:
        token = uuid.uuid4()
        for _ in range(5):
            self.paced(token)
        self.paced(uuid.uuid4(), "Two.")
        self.paced(uuid.uuid4(), "Three.")
        self.assertEqual(Reply.objects.count(), 3)

    def test_the_pace_is_per_person_and_its_window_ends(self) -> None:
        for n in range(3):
            self.paced(None, f"Note {n}.")
        self.reply_once(None, "Bob's turn.", author=self.bob, pace=self.pace)
        with self.assertRaises(TooFast):
            self.paced(None, "Alice again.")
        RateCounter.objects.update(expires_at=timezone.now())  # ten minutes later
        self.paced(None, "Alice again.")
        self.assertEqual(Reply.objects.count(), 5)
