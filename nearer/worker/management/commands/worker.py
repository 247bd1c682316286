"""The background worker, in the style of healthchecks' looping commands.

Several can run side by side: every job claims its rows by conditional update.
SIGTERM finishes the unit in hand, then exits.
"""

from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from nearer.worker.jobs import all_jobs


class Command(BaseCommand):
    help = "Send e-mail and run scheduled work. Use --loop to keep running."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep running until SIGTERM.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between polls.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stopping = False
        if options["loop"]:
            signal.signal(signal.SIGTERM, self._on_sigterm)
            signal.signal(signal.SIGINT, self._on_sigterm)
            self.stdout.write("Nearer worker started.")
            while not self.stopping:
                close_old_connections()
                if not self.run_pending():
                    time.sleep(options["interval"])
            self.stdout.write("Nearer worker stopped.")
        else:
            self.run_pending()

    def run_pending(self) -> bool:
        """Run every job until none has anything due. True if anything ran."""
        did_any = False
        busy = True
        while busy and not self.stopping:
            busy = False
            for job in all_jobs():
                if self.stopping:
                    break
                if job():
                    busy = did_any = True
        return did_any

    def _on_sigterm(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True
