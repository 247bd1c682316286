from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from nearer.lib.content import ContentError
from nearer.today import page_cache


class Command(BaseCommand):
    help = "Load practices, questions and other content from the data files. Safe to re-run."

    def handle(self, *args: Any, **options: Any) -> None:
        for path in settings.NEARER_CONTENT_LOADERS:
            try:
                report = import_string(path)()
            except ContentError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Loaded {report}.")
        # A question's wording may have changed: no Today page may keep the old one.
        page_cache.clear()
