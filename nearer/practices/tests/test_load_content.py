from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from nearer.practices import content
from nearer.practices.models import Practice

ENGLISH_ITEM = """
[[practice]]
slug = "{slug}"
name = "Name {slug}"
tagline = "Tagline"
why = "Why"
actions = ["One", "Two"]
"""


def load() -> str:
    out = StringIO()
    call_command("load_content", stdout=out)
    return out.getvalue()


class LoadContentTestCase(TestCase):
    def test_it_works(self) -> None:
        out = load()
        self.assertIn("14 practices (0 retired)", out)
        self.assertEqual(Practice.objects.filter(retired=False).count(), 14)
        first = Practice.objects.first()
        assert first is not None
        self.assertEqual(first.slug, "honest-conversation")
        self.assertEqual(first.name, "Honest conversation")
        self.assertEqual(len(first.actions), 5)
        self.assertTrue(first.why and first.tagline)

    def test_it_is_idempotent(self) -> None:
        load()
        before = list(Practice.objects.order_by("pk").values())
        load()
        after = list(Practice.objects.order_by("pk").values())
        self.assertEqual(before, after)
        self.assertEqual(Practice.objects.count(), 14)

    def test_a_removed_practice_is_retired_not_deleted(self) -> None:
        load()
        gone = Practice.objects.create(slug="old-practice", texts={"en": {"name": "Old"}})
        out = load()
        self.assertIn("(1 retired)", out)
        gone.refresh_from_db()
        self.assertTrue(gone.retired)
        self.assertEqual(Practice.objects.count(), 15)

    def test_a_returning_practice_is_unretired(self) -> None:
        load()
        Practice.objects.filter(slug="patience").update(retired=True, position=99)
        load()
        patience = Practice.objects.get(slug="patience")
        self.assertFalse(patience.retired)
        self.assertEqual(patience.position, 12)

    def test_edited_text_is_updated_in_place(self) -> None:
        load()
        Practice.objects.filter(slug="patience").update(texts={"en": {"name": "stale"}})
        pk = Practice.objects.get(slug="patience").pk
        load()
        patience = Practice.objects.get(slug="patience")
        self.assertEqual(patience.pk, pk)
        self.assertNotEqual(patience.name, "stale")


class BrokenContentTestCase(TestCase):
    """A broken content file stops the load with the file and item named, and
    changes nothing."""

    def write(self, folder: Path, text: str) -> None:
        (folder / "en").mkdir(parents=True)
        (folder / "en" / "practices.toml").write_text(text, encoding="utf-8")

    def load_from(self, folder: Path) -> None:
        original = content.FOLDER
        content.FOLDER = folder
        try:
            load()
        finally:
            content.FOLDER = original

    def setUp(self) -> None:
        import tempfile

        self.tmp = Path(tempfile.mkdtemp())
        Practice.objects.create(slug="kept", texts={"en": {"name": "Kept"}})

    def tearDown(self) -> None:
        import shutil

        shutil.rmtree(self.tmp)

    def assertUnchanged(self) -> None:
        self.assertEqual(list(Practice.objects.values_list("slug", "retired")), [("kept", False)])

    def test_bad_slug(self) -> None:
        self.write(self.tmp, ENGLISH_ITEM.format(slug="Bad Slug!"))
        with self.assertRaisesMessage(CommandError, "bad slug"):
            self.load_from(self.tmp)
        self.assertUnchanged()

    def test_duplicate_slug(self) -> None:
        self.write(self.tmp, ENGLISH_ITEM.format(slug="twice") * 2)
        with self.assertRaisesMessage(CommandError, "appears twice"):
            self.load_from(self.tmp)
        self.assertUnchanged()

    def test_missing_field(self) -> None:
        self.write(self.tmp, ENGLISH_ITEM.format(slug="no-why").replace('why = "Why"\n', ""))
        with self.assertRaisesMessage(CommandError, "lacks why"):
            self.load_from(self.tmp)
        self.assertUnchanged()

    def test_not_toml(self) -> None:
        self.write(self.tmp, "[[practice]\nslug = ")
        with self.assertRaisesMessage(CommandError, "practices.toml"):
            self.load_from(self.tmp)
        self.assertUnchanged()

    def test_missing_english_file(self) -> None:
        with self.assertRaisesMessage(CommandError, "missing"):
            self.load_from(self.tmp)
        self.assertUnchanged()
