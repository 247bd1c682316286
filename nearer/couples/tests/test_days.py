"""What "today" is for a couple: the date of whoever is furthest west (days.py)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import time_machine
from django.test import SimpleTestCase

from nearer.accounts.models import User
from nearer.couples.days import local_date, shared_today
from nearer.questions.tests.base import daily_for
from nearer.testing import BaseTestCase


def person(zone: str) -> User:
    return User(display_name=zone, time_zone=zone)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def hours_per_day(people: list[User], start: datetime, hours: int) -> Counter[date]:
    """How many of the half-past hours from `start` fall on each shared date."""
    return Counter(shared_today(people, start + timedelta(hours=h)) for h in range(hours))


class SharedTodayTestCase(SimpleTestCase):
    london, new_york = person("Europe/London"), person("America/New_York")
    tokyo, los_angeles = person("Asia/Tokyo"), person("America/Los_Angeles")
    auckland, honolulu = person("Pacific/Auckland"), person("Pacific/Honolulu")

    def assertDay(self, people: list[User], at: datetime, expected: date) -> None:
        self.assertEqual(shared_today(people, at), expected, at)
        # Whoever asks, the couple's day is the same.
        self.assertEqual(shared_today(list(reversed(people)), at), expected, at)

    def test_london_and_new_york(self) -> None:
        couple = [self.london, self.new_york]
        # Summer: New York is UTC-4, so its midnight is 04:00 UTC.
        self.assertDay(couple, utc(2026, 6, 15, 3, 59, 59), date(2026, 6, 14))
        self.assertDay(couple, utc(2026, 6, 15, 4, 0, 0), date(2026, 6, 15))
        # London's own midnight changes nothing while New York is still on the 14th.
        self.assertDay(couple, utc(2026, 6, 14, 23, 0, 0), date(2026, 6, 14))
        self.assertEqual(local_date(self.london, utc(2026, 6, 14, 23, 0, 0)), date(2026, 6, 15))
        # Winter: New York is UTC-5.
        self.assertDay(couple, utc(2026, 1, 15, 4, 59, 59), date(2026, 1, 14))
        self.assertDay(couple, utc(2026, 1, 15, 5, 0, 0), date(2026, 1, 15))

    def test_tokyo_and_los_angeles(self) -> None:
        couple = [self.tokyo, self.los_angeles]
        # Tokyo is a calendar day ahead for most of the day; Los Angeles sets the date.
        self.assertEqual(local_date(self.tokyo, utc(2026, 6, 15, 6, 0)), date(2026, 6, 15))
        self.assertDay(couple, utc(2026, 6, 15, 6, 59, 59), date(2026, 6, 14))
        self.assertDay(couple, utc(2026, 6, 15, 7, 0, 0), date(2026, 6, 15))
        self.assertDay(couple, utc(2026, 1, 15, 7, 59, 59), date(2026, 1, 14))
        self.assertDay(couple, utc(2026, 1, 15, 8, 0, 0), date(2026, 1, 15))
        # Tokyo's midnight (15:00 UTC) does not move the couple on.
        self.assertDay(couple, utc(2026, 6, 15, 15, 30), date(2026, 6, 15))

    def test_auckland_and_honolulu(self) -> None:
        couple = [self.auckland, self.honolulu]
        # 22 or 23 hours apart: for a few hours a day their calendars are two dates
        # apart in name only; Honolulu (UTC-10, no daylight saving) sets the date.
        at = utc(2026, 6, 15, 12, 0)
        self.assertEqual(local_date(self.auckland, at), date(2026, 6, 16))
        self.assertEqual(local_date(self.honolulu, at), date(2026, 6, 15))
        self.assertDay(couple, at, date(2026, 6, 15))
        self.assertDay(couple, utc(2026, 6, 15, 9, 59, 59), date(2026, 6, 14))
        self.assertDay(couple, utc(2026, 6, 15, 10, 0, 0), date(2026, 6, 15))
        # New Zealand summer (UTC+13) changes nothing: Honolulu still decides.
        self.assertDay(couple, utc(2026, 1, 15, 9, 59, 59), date(2026, 1, 14))
        self.assertDay(couple, utc(2026, 1, 15, 10, 0, 0), date(2026, 1, 15))

    def test_same_zone(self) -> None:
        couple = [self.london, person("Europe/London")]
        self.assertDay(couple, utc(2026, 1, 15, 23, 59, 59), date(2026, 1, 15))
        self.assertDay(couple, utc(2026, 1, 16, 0, 0, 0), date(2026, 1, 16))
        # British Summer Time: midnight is 23:00 UTC.
        self.assertDay(couple, utc(2026, 6, 15, 22, 59, 59), date(2026, 6, 15))
        self.assertDay(couple, utc(2026, 6, 15, 23, 0, 0), date(2026, 6, 16))

    def test_one_person_on_their_own(self) -> None:
        self.assertDay([self.tokyo], utc(2026, 6, 15, 15, 0), date(2026, 6, 16))

    def test_now_is_the_default(self) -> None:
        with time_machine.travel(utc(2026, 6, 15, 3, 30), tick=False):
            self.assertEqual(shared_today([self.london, self.new_york]), date(2026, 6, 14))
        with time_machine.travel(utc(2026, 6, 15, 4, 30), tick=False):
            self.assertEqual(shared_today([self.london, self.new_york]), date(2026, 6, 15))

    def test_spring_forward_in_london(self) -> None:
        # 29 March 2026: clocks go from 01:00 to 02:00, a 23-hour day.
        hours = hours_per_day([self.london, person("Europe/London")], utc(2026, 3, 27, 0, 30), 96)
        self.assertEqual(hours[date(2026, 3, 29)], 23)
        self.assertEqual(hours[date(2026, 3, 28)], 24)
        # A London and New York couple follows New York: London's change is invisible.
        hours = hours_per_day([self.london, self.new_york], utc(2026, 3, 27, 0, 30), 96)
        self.assertEqual(hours[date(2026, 3, 29)], 24)

    def test_fall_back_in_london(self) -> None:
        # 25 October 2026: clocks go from 02:00 back to 01:00, a 25-hour day.
        hours = hours_per_day([self.london, person("Europe/London")], utc(2026, 10, 23, 0, 30), 96)
        self.assertEqual(hours[date(2026, 10, 25)], 25)
        self.assertEqual(hours[date(2026, 10, 24)], 24)
        self.assertDay([self.london], utc(2026, 10, 24, 22, 59), date(2026, 10, 24))
        self.assertDay([self.london], utc(2026, 10, 24, 23, 0), date(2026, 10, 25))
        self.assertDay([self.london], utc(2026, 10, 25, 23, 59), date(2026, 10, 25))
        self.assertDay([self.london], utc(2026, 10, 26, 0, 0), date(2026, 10, 26))

    def test_spring_forward_in_new_york(self) -> None:
        # 8 March 2026: 02:00 becomes 03:00, a 23-hour day; midnight moves from
        # 05:00 UTC to 04:00 UTC.
        couple = [self.london, self.new_york]
        hours = hours_per_day(couple, utc(2026, 3, 6, 0, 30), 96)
        self.assertEqual(hours[date(2026, 3, 8)], 23)
        self.assertEqual(hours[date(2026, 3, 7)], 24)
        self.assertDay(couple, utc(2026, 3, 8, 4, 59), date(2026, 3, 7))
        self.assertDay(couple, utc(2026, 3, 8, 5, 0), date(2026, 3, 8))
        self.assertDay(couple, utc(2026, 3, 9, 3, 59), date(2026, 3, 8))
        self.assertDay(couple, utc(2026, 3, 9, 4, 0), date(2026, 3, 9))

    def test_fall_back_in_new_york(self) -> None:
        # 1 November 2026: 02:00 becomes 01:00 again, a 25-hour day.
        couple = [self.london, self.new_york]
        hours = hours_per_day(couple, utc(2026, 10, 30, 0, 30), 96)
        self.assertEqual(hours[date(2026, 11, 1)], 25)
        self.assertDay(couple, utc(2026, 11, 1, 3, 59), date(2026, 10, 31))
        self.assertDay(couple, utc(2026, 11, 1, 4, 0), date(2026, 11, 1))
        self.assertDay(couple, utc(2026, 11, 2, 4, 59), date(2026, 11, 1))
        self.assertDay(couple, utc(2026, 11, 2, 5, 0), date(2026, 11, 2))

    def test_the_day_never_goes_backwards(self) -> None:
        # Hour by hour through a whole year, every pair above: the shared date only
        # ever stays or moves on by one, so no question is ever skipped or undone.
        pairs = [
            [self.london, self.new_york],
            [self.tokyo, self.los_angeles],
            [self.auckland, self.honolulu],
        ]
        start = utc(2026, 1, 1, 0, 30)
        for pair in pairs:
            previous = shared_today(pair, start)
            for hour in range(1, 365 * 24):
                current = shared_today(pair, start + timedelta(hours=hour))
                self.assertIn((current - previous).days, (0, 1), pair)
                previous = current


class TodayForCoupleTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from django.core.management import call_command

        call_command("load_content", verbosity=0)

    def test_both_partners_get_the_same_day_around_midnight(self) -> None:
        # 23:30 in New York, 04:30 next morning in London.
        with time_machine.travel(utc(2026, 6, 15, 3, 30), tick=False):
            late = daily_for(self.alice)
            self.assertEqual(daily_for(self.bob).pk, late.pk)
        self.assertEqual(late.day, date(2026, 6, 14))

        # Half an hour later it is the 15th in New York too: a new question.
        with time_machine.travel(utc(2026, 6, 15, 4, 0), tick=False):
            from_bob = daily_for(self.bob)
            from_alice = daily_for(self.alice)
        self.assertEqual(from_alice.pk, from_bob.pk)
        self.assertEqual(from_bob.day, date(2026, 6, 15))
        self.assertNotEqual(from_bob.pk, late.pk)
        self.assertNotEqual(from_bob.question_id, late.question_id)

    def test_unpaired_person_follows_their_own_zone(self) -> None:
        self.eve.time_zone = "Asia/Tokyo"
        self.eve.save(update_fields=["time_zone"])
        with time_machine.travel(utc(2026, 6, 15, 15, 30), tick=False):
            self.assertEqual(daily_for(self.eve).day, date(2026, 6, 16))
