from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from nearer.keptpages.models import CachedPage
from nearer.lib import rituals
from nearer.lib.content import ContentError
from nearer.practices import content as practices


class Command(BaseCommand):
    help = "Load the practices and every ritual's content from the data files. Safe to re-run."

    def handle(self, *args: Any, **options: Any) -> None:
        # Practices first: the rituals' content refers to them.
        loaders = [practices.load, *rituals.content_loaders()]
        try:
            with transaction.atomic():
                reports = [load() for load in loaders]
                # Wording may have changed: no kept page may show the old one. In the same
                # transaction, so no page is kept between the load and the clearing.
                CachedPage.objects.all().delete()
        except ContentError as exc:
            raise CommandError(str(exc)) from exc
        for report in reports:
            self.stdout.write(f"Loaded {report}.")
