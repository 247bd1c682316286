"""Every form of ours speaks in our voice (nearer.lib.forms), found by walking the tree."""

from __future__ import annotations

import importlib
import pkgutil

from django import forms
from django.test import SimpleTestCase

import nearer
from nearer.accounts.forms import SignUpForm
from nearer.lib.forms import OurVoice


def our_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(nearer.__path__, "nearer."):
        skip = (".tests", ".migrations", ".training", "__main__")
        if not any(part in module.name for part in skip):
            importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("nearer.") and ".tests" not in cls.__module__:
            found.append(cls)
    return found


class OurVoiceTestCase(SimpleTestCase):
    def test_every_form_of_ours_mixes_in_our_voice(self) -> None:
        found = our_forms()
        self.assertGreaterEqual(len(found), 15)
        stock = [cls.__qualname__ for cls in found if not issubclass(cls, OurVoice)]
        self.assertEqual(stock, [], "mix nearer.lib.forms.OurVoice into these forms")

    def test_no_stock_django_words_on_an_empty_sign_up(self) -> None:
        form = SignUpForm(data={"email": "not an address"})
        errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
        self.assertNotIn("This field is required", errors)
        self.assertNotIn("Enter a valid", errors)
        self.assertIn("Please fill this in.", errors)
        self.assertIn("Is there a typo?", errors)

    def test_a_form_s_own_message_is_kept(self) -> None:
        from nearer.coach.forms import CheckForm

        form = CheckForm(data={"about": "daily:x", "text": "x" * 5000})
        self.assertIn("The check reads up to", str(form.errors["text"]))
