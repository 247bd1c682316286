from __future__ import annotations

import hashlib
from datetime import timedelta

import time_machine
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.utils import timezone

from nearer.limits import counters
from nearer.limits.models import RateCounter
from nearer.worker.jobs import all_jobs


class CountersTestCase(TestCase):
    def test_it_counts_up_to_the_limit(self) -> None:
        results = [counters.hit("t", "a", limit=3, window=60) for _ in range(5)]
        self.assertEqual(results, [True, True, True, False, False])
        # At the limit nothing more is added: the row says how many got through.
        self.assertEqual(RateCounter.objects.get().hits, 3)
        # Another identifier, or the same one in another scope, has its own count.
        self.assertTrue(counters.hit("t", "b", limit=3, window=60))
        self.assertTrue(counters.hit("u", "a", limit=3, window=60))

    def test_a_window_starts_at_the_first_try_and_then_starts_again(self) -> None:
        start = timezone.now()
        with time_machine.travel(start, tick=False) as clock:
            counters.hit("t", "a", limit=1, window=60)
            clock.shift(timedelta(seconds=59))
            self.assertFalse(counters.hit("t", "a", limit=1, window=60))
            clock.shift(timedelta(seconds=2))
            self.assertTrue(counters.hit("t", "a", limit=1, window=60))
            self.assertFalse(counters.hit("t", "a", limit=1, window=60))
            row = RateCounter.objects.get()
            self.assertEqual(row.hits, 1)
            self.assertEqual(row.expires_at, start + timedelta(seconds=61 + 60))

    def test_clear_lifts_a_lock_and_refund_takes_back_one_try(self) -> None:
        for _ in range(3):
            counters.hit("t", "a", limit=3, window=60)
        counters.refund("t", "a")
        self.assertTrue(counters.hit("t", "a", limit=3, window=60))
        self.assertFalse(counters.hit("t", "a", limit=3, window=60))
        counters.clear("t", "a")
        self.assertFalse(RateCounter.objects.exists())
        self.assertTrue(counters.hit("t", "a", limit=3, window=60))
        counters.refund("nobody", "x")  # nothing to take back: no error, no row
        self.assertEqual(RateCounter.objects.count(), 1)

    def test_a_limit_of_zero_lets_nothing_through(self) -> None:
        self.assertFalse(counters.hit("t", "a", limit=0, window=60))

    def test_keys_hold_no_email_or_address(self) -> None:
        counters.hit("signin-account", "alice@example.org", limit=5, window=900)
        counters.hit("signin-ip", "192.0.2.1", limit=5, window=900)
        keys = list(RateCounter.objects.values_list("key", flat=True))
        self.assertEqual(len(keys), 2)
        for key in keys:
            for clear_text in ("alice", "example", "192.0.2", "signin"):
                self.assertNotIn(clear_text, key)
            # Not a plain hash either, which anyone could compute for a guessed e-mail.
            for ident in ("alice@example.org", "192.0.2.1"):
                for scope in ("signin-account", "signin-ip"):
                    plain = hashlib.sha256(f"{scope}:{ident}".encode()).hexdigest()
                    self.assertNotIn(key, (plain, plain[:32]))

    def test_keys_depend_on_the_secret_key(self) -> None:
        counters.hit("signin-account", "alice@example.org", limit=5, window=900)
        with override_settings(SECRET_KEY="another secret, somewhere else, 0123456789"):
            counters.hit("signin-account", "alice@example.org", limit=5, window=900)
        self.assertEqual(RateCounter.objects.count(), 2)

    def test_a_full_or_cleared_cache_keeps_every_count(self) -> None:
        for _ in range(2):
            counters.hit("t", "a", limit=2, window=60)
        # The default cache holds 300 entries and culls a third when full.
        for i in range(1000):
            cache.set(f"~filler-{i}", i)
        cache.clear()
        self.assertFalse(counters.hit("t", "a", limit=2, window=60))


class PruneTestCase(TestCase):
    def test_it_deletes_only_expired_counters(self) -> None:
        now = timezone.now()
        RateCounter.objects.create(key="old", hits=5, expires_at=now - timedelta(seconds=1))
        RateCounter.objects.create(key="ended", hits=1, expires_at=now)
        RateCounter.objects.create(key="live", hits=5, expires_at=now + timedelta(seconds=1))
        with time_machine.travel(now, tick=False):
            counters.prune_counters.wake()
            self.assertTrue(counters.prune_counters())
            counters.prune_counters.wake()
            self.assertFalse(counters.prune_counters())
        self.assertEqual(list(RateCounter.objects.values_list("key", flat=True)), ["live"])

    def test_the_worker_runs_it(self) -> None:
        self.assertIn(counters.prune_counters, all_jobs())
