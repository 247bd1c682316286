"""The question decks: loaded from the content files by `manage.py load_content`."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.utils.html import escape

from nearer.practices.models import Practice
from nearer.questions import content
from nearer.questions.models import DailyQuestion, Question
from nearer.questions.selection import WEEK_RHYTHM
from nearer.questions.tests.base import QuestionTestCase, answer_as, daily_for


class ContentTestCase(QuestionTestCase):
    def copy_of_content(self) -> Path:
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        shutil.copytree(content.FOLDER, folder, dirs_exist_ok=True)
        return folder

    def test_the_decks(self) -> None:
        questions = list(Question.objects.filter(retired=False).select_related("practice"))
        self.assertGreaterEqual(len(questions), 400)
        themes = Counter(q.theme for q in questions)
        self.assertGreaterEqual(len(themes), 10)
        self.assertGreaterEqual(min(themes.values()), 10, themes)
        live_practices = set(Practice.objects.filter(retired=False).values_list("slug", flat=True))
        self.assertEqual({q.practice.slug for q in questions} - live_practices, set())
        self.assertEqual({q.depth for q in questions}, {1, 2, 3})
        self.assertGreaterEqual(sum(bool(q.follow_up) for q in questions), 40)
        for question in questions:
            self.assertRegex(question.slug, r"^[a-z0-9][a-z0-9-]+[a-z0-9]$")
            self.assertTrue(0 < len(question.text) <= 200, question.slug)
            self.assertNotEqual(question.text, question.follow_up, question.slug)
        self.assertEqual(len({q.text.lower() for q in questions}), len(questions))

    def test_enough_of_each_depth_for_a_year_without_repeats(self) -> None:
        # 365 days of the weekly rhythm, starting on any weekday: every depth has the
        # questions it needs, and all of them together leave room for swaps.
        have = Counter(Question.objects.filter(retired=False).values_list("depth", flat=True))
        for start in range(7):
            needed = Counter(WEEK_RHYTHM[(start + n) % 7] for n in range(365))
            for depth, count in needed.items():
                self.assertGreaterEqual(have[depth], count, f"depth {depth}")
        self.assertGreaterEqual(sum(have.values()), 365 + 52)

    def test_the_files_and_the_table_agree(self) -> None:
        slugs = set()
        for path in (content.FOLDER / "en").glob("*.toml"):
            slugs |= set(re.findall(r'^slug = "([^"]+)"', path.read_text(), re.M))
        self.assertEqual(slugs, set(Question.objects.values_list("slug", flat=True)))

    def test_loading_twice_changes_nothing(self) -> None:
        before = list(Question.objects.order_by("pk").values())
        call_command("load_content", verbosity=0)
        self.assertEqual(list(Question.objects.order_by("pk").values()), before)

    def test_a_removed_question_is_retired_and_history_still_renders(self) -> None:
        daily = daily_for(self.alice)
        question = daily.question
        answer_as(self.alice, "Said before it was retired", daily)
        answer_as(self.bob, "Me too", daily)

        folder = self.copy_of_content()
        path = folder / "en" / f"{question.theme}.toml"
        blocks = path.read_text().split("[[question]]")
        kept = [b for b in blocks if f'slug = "{question.slug}"' not in b]
        self.assertEqual(len(kept), len(blocks) - 1)
        path.write_text("[[question]]".join(kept))

        with mock.patch.object(content, "FOLDER", folder):
            report = content.load()
        self.assertIn("1 retired", report)
        question.refresh_from_db()
        self.assertTrue(question.retired)
        self.assertEqual(Question.objects.filter(retired=True).count(), 1)

        self.sign_in(self.alice)
        for url in ("/questions/", f"/questions/{daily.code}/", "/"):
            r = self.client.get(url)
            self.assertEqual(r.status_code, 200, url)
            self.assertContains(r, escape(question.text), msg_prefix=url)
            self.assertContains(r, "Said before it was retired", msg_prefix=url)

        # It is never handed out again...
        self.assertFalse(
            DailyQuestion.objects.filter(question=question).exclude(pk=daily.pk).exists()
        )
        # ...until it comes back to the files, under the same slug.
        content.load()
        question.refresh_from_db()
        self.assertFalse(question.retired)

    def test_a_reworded_question_keeps_its_row(self) -> None:
        question = Question.objects.order_by("slug").first()
        assert question is not None
        folder = self.copy_of_content()
        path = folder / "en" / f"{question.theme}.toml"
        text = path.read_text()
        self.assertIn(f'text = "{question.text}"', text)
        path.write_text(text.replace(f'text = "{question.text}"', 'text = "Newly worded?"', 1))
        with mock.patch.object(content, "FOLDER", folder):
            content.load()
        reworded = Question.objects.get(slug=question.slug)
        self.assertEqual(reworded.pk, question.pk)
        self.assertEqual(reworded.text, "Newly worded?")

    def test_bad_files_are_refused_with_the_item_named(self) -> None:
        folder = self.copy_of_content()
        path = folder / "en" / "zz-broken.toml"

        def item(slug: str, text: str = "A?", practice: str = "curiosity", depth: int = 1) -> str:
            return f'slug = "{slug}"\ntext = "{text}"\npractice = "{practice}"\ndepth = {depth}'

        cases = {
            item("zz-unknown-practice", practice="nope"): "unknown practice",
            item("zz-bad-depth", depth=7): "depth",
            item("zz-too-long", text="a" * 201): "text",
        }
        before = list(Question.objects.order_by("pk").values())
        for bad, message in cases.items():
            path.write_text(f"[[question]]\n{bad}\n")
            with (
                mock.patch.object(content, "FOLDER", folder),
                self.assertRaisesMessage(CommandError, message),
            ):
                call_command("load_content", verbosity=0)
        # A slug used twice, across files.
        some = Question.objects.first()
        assert some is not None
        path.write_text(f"[[question]]\n{item(some.slug)}\n")
        with (
            mock.patch.object(content, "FOLDER", folder),
            self.assertRaisesMessage(CommandError, some.slug),
        ):
            call_command("load_content", verbosity=0)
        self.assertEqual(list(Question.objects.order_by("pk").values()), before)
