from __future__ import annotations

from datetime import timedelta

import time_machine
from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from nearer.lib import ratelimit


class RateLimitTestCase(TestCase):
    def test_counts_within_a_window(self) -> None:
        with time_machine.travel(timezone.now().replace(minute=0, second=1), tick=False):
            self.assertEqual(ratelimit.hit("t", "a", 3600), 1)
            self.assertEqual(ratelimit.hit("t", "a", 3600), 2)
            self.assertEqual(ratelimit.count("t", "a", 3600), 2)
            self.assertTrue(ratelimit.over_limit("t", "a", limit=2, window=3600))
            self.assertFalse(ratelimit.over_limit("t", "b", limit=2, window=3600))
            ratelimit.clear("t", "a", 3600)
            self.assertEqual(ratelimit.count("t", "a", 3600), 0)

    def test_a_new_window_starts_fresh(self) -> None:
        start = timezone.now()
        with time_machine.travel(start, tick=False) as clock:
            ratelimit.hit("t", "a", 60)
            clock.shift(timedelta(seconds=61))
            self.assertEqual(ratelimit.count("t", "a", 60), 0)

    def test_keys_do_not_hold_addresses_in_clear(self) -> None:
        ratelimit.hit("signin-account", "alice@example.org", 900)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT cache_key FROM nearer_cache")
            keys = [row[0] for row in cursor.fetchall()]
        self.assertTrue(keys)
        self.assertFalse(any("alice" in key for key in keys))
        cache.clear()
