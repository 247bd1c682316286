"""Editing in two places at once loses nothing (nearer.entries.edits), tried on a real
entry type (the answers of Today's question)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import time_machine
from django import forms
from django.core.management import call_command
from django.http import QueryDict
from django.utils import timezone

from nearer.entries.edits import (
    NOTHING_YET,
    EditForm,
    StaleEdit,
    check_version,
    save_edit,
)
from nearer.entries.models import Visibility
from nearer.questions.models import Answer, DailyQuestion, Question
from nearer.testing import BaseTestCase

VERSION = re.compile(r'name="version" value="([^"]*)"')


class NoteForm(EditForm):
    stale_message = "Changed elsewhere: here are both."
    text = forms.CharField()


class EditsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_content", verbosity=0)
        daily = DailyQuestion.objects.create(
            couple=cls.couple, day=date(2024, 1, 1), question=Question.objects.first()
        )
        cls.answer = Answer.objects.create(
            daily=daily,
            author=cls.alice,
            couple=cls.couple,
            visibility=Visibility.REVEAL,
            shown_text="What made you laugh?",
            text="The cat.",
        )

    def test_a_new_entry_is_version_one(self) -> None:
        self.assertEqual(self.answer.version, 1)

    def test_an_edit_moves_the_version(self) -> None:
        with time_machine.travel(timezone.now() + timedelta(minutes=5)):
            self.assertTrue(save_edit(self.answer, text="The dog."))
        self.answer.refresh_from_db()
        self.assertEqual((self.answer.text, self.answer.version), ("The dog.", 2))
        self.assertGreater(self.answer.updated_at, self.answer.created_at)

    def test_an_edit_that_changes_nothing_writes_nothing(self) -> None:
        self.assertFalse(save_edit(self.answer, text="The cat."))
        self.answer.refresh_from_db()
        self.assertEqual(self.answer.version, 1)

    def test_an_edit_based_on_the_saved_version_passes(self) -> None:
        check_version(self.answer, 1, text="The dog.")

    def test_an_edit_based_on_an_older_version_is_refused_with_the_saved_words(self) -> None:
        save_edit(self.answer, text="From the first tab.")
        for sent in (1, NOTHING_YET):
            with self.subTest(sent=sent), self.assertRaises(StaleEdit) as refused:
                check_version(self.answer, sent, text="From the second tab.")
            self.assertEqual(refused.exception.saved, {"text": "From the first tab."})
            self.assertEqual(refused.exception.version, 2)
            self.assertIn("another tab", str(refused.exception))

    def test_the_same_words_from_an_older_version_are_no_conflict(self) -> None:
        save_edit(self.answer, text="Same words.")
        check_version(self.answer, 1, text="Same words.")

    def test_no_version_sent_is_not_checked(self) -> None:
        save_edit(self.answer, text="Newer.")
        check_version(self.answer, None, text="Whatever.")

    def test_the_form_is_based_on_the_saved_version(self) -> None:
        self.assertEqual(VERSION.findall(str(NoteForm.editing(None))), [str(NOTHING_YET)])
        save_edit(self.answer, text="Twice.")
        form = NoteForm.editing(self.answer, text=self.answer.text)
        self.assertEqual(VERSION.findall(str(form)), ["2"])
        self.assertIn("Twice.", str(form))

    def test_a_refused_form_keeps_the_typed_words_and_is_based_on_the_saved_version(
        self,
    ) -> None:
        save_edit(self.answer, text="From the first tab.")
        for data in (
            {"version": "1", "text": "From the second tab."},
            QueryDict("version=1&text=From+the+second+tab."),
        ):
            form = NoteForm(data)
            self.assertTrue(form.is_valid())
            with self.assertRaises(StaleEdit) as refused:
                check_version(
                    self.answer, form.cleaned_data["version"], text="From the second tab."
                )
            again = form.rebased(refused.exception)
            self.assertIs(again.stale, refused.exception)
            self.assertEqual(again.non_field_errors(), ["Changed elsewhere: here are both."])
            html = str(again)
            self.assertIn("From the second tab.", html)
            self.assertEqual(VERSION.findall(html), ["2"])
            # Sent again, it is based on what is saved: keeping the typed words.
            check_version(self.answer, again.cleaned_data["version"], text="From the second tab.")

    def test_a_missing_or_mangled_version_is_no_version_and_no_error(self) -> None:
        for data in (
            {"text": "x"},
            {"text": "x", "version": "two"},
            {"text": "x", "version": "-1"},
        ):
            form = NoteForm(data)
            self.assertTrue(form.is_valid(), form.errors)
            self.assertIsNone(form.cleaned_data["version"])
