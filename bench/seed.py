"""Seed the benchmark database: N couples with D days of history, fast.

Runs inside the harness's own process once Django is set up (see bench/run.py), with the
app's own models and bulk_create, so the rows look exactly like the app's. All people
live in UTC, so "today" is the UTC date for everyone.

Per couple: D past days, each with a revealed question and both answers, a reply on
every fourth day (read by the partner, except the last few, so the Today page has unread
replies to list), and today's question with no answer yet.
"""

from __future__ import annotations

import io
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max, Model
from django.utils import timezone

from nearer.accounts.models import DeviceSession, User
from nearer.accounts.security import AUTH_AT, SEEN_AT, SIGNED_IN_AT
from nearer.couples.models import Couple, Membership
from nearer.entries.models import Visibility
from nearer.identity.sessions import SessionStore
from nearer.keptpages import freshness
from nearer.questions.models import Answer, DailyQuestion, Question, ReadMark, Reply

PASSWORD = "nearer-bench-password"
EMAIL = "bench-{:07d}@bench.nearer.example"
CHUNK_COUPLES = 200  # couples per transaction: ~73k days, ~146k answers at D=365
REPLY_EVERY = 4  # a reply on every fourth past day
UNREAD_DAYS = 10  # replies from the last ten days stay unread by the partner
MARKER_TABLE = "bench_seed"

Log = Callable[[str], None]

ANSWERS = (
    "Honestly? The quiet mornings, when neither of us has to be anywhere yet.",
    "I keep coming back to the trip where everything went wrong and we laughed anyway.",
    "When you make tea without asking, because you already know.",
    "I think I'd want more time outside, just walking, no plans.",
    "Probably the way we argue now: shorter, kinder, and we actually finish.",
    "That first winter in the small flat. Cold, and still one of my favourite times.",
    "I'm not sure yet. Can we talk about it tonight?",
    "Feeling listened to, even when I'm rambling about work.",
    "Cooking together on Sundays, and the mess we leave behind.",
    "I'd like us to plan less and wander more. Maybe a weekend with no agenda.",
    "You noticed I was tired before I did. That meant a lot.",
    "Learning to say what I need instead of hoping you'll guess it.",
)
REPLIES = (
    "I didn't know that. Thank you for telling me.",
    "Same here, more than you think.",
    "Let's do that this weekend?",
    "This made me smile all afternoon.",
)


@dataclass(frozen=True)
class SeedReport:
    couples: int
    days: int
    reused: bool
    seconds: float
    rows: dict[str, int]


@dataclass(frozen=True)
class Person:
    """A signed-in benchmark client: one session, and where its pages are."""

    user_id: int
    seat: int
    session_key: str
    today_code: str


# --- The marker: which data set a database holds ------------------------------------


def read_marker() -> tuple[int, int] | None:
    """(couples, days) of the seeded data set, or None if the database has none."""
    if MARKER_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT couples, days FROM {MARKER_TABLE}")  # noqa: S608
        row = cursor.fetchone()
    return (int(row[0]), int(row[1])) if row else None


def _write_marker(couples: int, days: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {MARKER_TABLE}")
        cursor.execute(f"CREATE TABLE {MARKER_TABLE} (couples integer, days integer)")
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} (couples, days) VALUES (%s, %s)",  # noqa: S608
            [couples, days],
        )


# --- Schema and content ---------------------------------------------------------------


def prepare_schema() -> None:
    """Migrations, the cache table, the content and the static files (with manifest)."""
    quiet = io.StringIO()
    call_command("migrate", interactive=False, verbosity=0, stdout=quiet)
    call_command("createcachetable", verbosity=0, stdout=quiet)
    call_command("load_content", verbosity=0, stdout=quiet)
    call_command("collectstatic", interactive=False, verbosity=0, stdout=quiet)


# --- Seeding --------------------------------------------------------------------------


class _Table:
    """Rows for one model, written straight to its table: bulk_create spends ~10 us per
    value preparing it, which made 1.3 million rows take minutes. Ids are given here
    (so answers can point at their day without reading it back) and the column list
    must name every field of the model, so a new field fails loudly instead of
    landing as NULL."""

    def __init__(self, model: type[Model], columns: tuple[str, ...]) -> None:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        if set(columns) != set(fields) or len(columns) != len(fields):
            raise RuntimeError(
                f"bench/seed.py: {model.__name__} has fields {sorted(fields)}, the seed "
                f"writes {sorted(columns)}: update the seed"
            )
        self.model = model
        self.columns = columns
        self.rows: list[tuple[Any, ...]] = []
        top = model._default_manager.aggregate(top=Max("pk"))["top"]
        self.next_id = int(top or 0) + 1
        quote = connection.ops.quote_name
        self.table = quote(model._meta.db_table)
        self.names = ", ".join(quote(fields[c].column) for c in columns)

    def add(self, *values: Any) -> int:
        """Queue a row (values in column order, without the id); returns its id."""
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values))
        return pk

    def flush(self) -> int:
        count, rows = len(self.rows), self.rows
        self.rows = []
        if not rows:
            return 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor  # psycopg's own cursor, for COPY
                with raw.copy(f"COPY {self.table} ({self.names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {self.table} ({self.names}) VALUES ({marks})",  # noqa: S608
                    rows,
                )
        return count


class _Values:
    """Python values as the database takes them (what Django's fields would send)."""

    def __init__(self) -> None:
        self.native_uuid = connection.features.has_native_uuid_field
        self._times: dict[tuple[date, int, int], Any] = {}
        self._days: dict[date, Any] = {}

    def code(self) -> Any:
        return uuid.uuid4() if self.native_uuid else uuid.uuid4().hex

    def at(self, day: date, hour: int, minutes: int = 0) -> Any:
        key = (day, hour, minutes)
        if key not in self._times:
            moment = datetime(day.year, day.month, day.day, hour, minutes, tzinfo=UTC)
            self._times[key] = connection.ops.adapt_datetimefield_value(moment)
        return self._times[key]

    def day(self, day: date) -> Any:
        if day not in self._days:
            self._days[day] = connection.ops.adapt_datefield_value(day)
        return self._days[day]


ENTRY = (
    *("id", "code", "author_id", "couple_id", "visibility"),
    *("revealed_at", "created_at", "updated_at", "submit_token", "version"),
)
DAILY = (
    *("id", "code", "couple_id", "solo_user_id", "day", "question_id", "kind"),
    *("revisit_of_id", "swaps", "swapped_away", "revealed_at", "created_at"),
)


def seed(couples: int, days: int, log: Log) -> SeedReport:
    """Fill an empty (freshly migrated) database with the data set."""
    started = time.monotonic()
    today = timezone.now().date()
    password = make_password(PASSWORD)  # hashed once, shared by everyone
    questions = [
        (pk, str(texts.get("en", {}).get("text", "")))
        for pk, texts in Question.objects.filter(retired=False)
        .order_by("slug")
        .values_list("pk", "texts")
    ]
    if not questions:
        raise RuntimeError("No questions loaded: load_content found no content.")
    tables = {
        "daily": _Table(DailyQuestion, DAILY),
        "answers": _Table(Answer, (*ENTRY, "daily_id", "shown_text", "text")),
        "replies": _Table(Reply, (*ENTRY, "daily_id", "text")),
        "read_marks": _Table(ReadMark, ("id", "user_id", "daily_id", "read_at")),
    }
    rows = dict.fromkeys(("users", "couples", *tables), 0)
    rng = random.Random(20240601)
    values = _Values()
    # No kept page exists yet: the freshness triggers would only move versions nobody
    # reads, hundreds of thousands of times. They are put back before the run.
    freshness.uninstall()
    try:
        _fill(couples, days, today, password, questions, tables, rows, rng, values, log, started)
    finally:
        freshness.install()
    _finish()
    _write_marker(couples, days)
    return SeedReport(couples, days, False, time.monotonic() - started, rows)


def _fill(
    couples: int,
    days: int,
    today: date,
    password: str,
    questions: list[tuple[int, str]],
    tables: dict[str, _Table],
    rows: dict[str, int],
    rng: random.Random,
    values: _Values,
    log: Log,
    started: float,
) -> None:
    for start in range(0, couples, CHUNK_COUPLES):
        count = min(CHUNK_COUPLES, couples - start)
        with transaction.atomic():
            people = _people(start, count, days, today, password)
            rows["users"] += 2 * len(people)
            rows["couples"] += len(people)
            for couple_id, pair in people:
                _history(couple_id, pair, days, today, questions, rng, values, tables)
            for name, table in tables.items():
                rows[name] += table.flush()
        done = start + count
        if done == couples or done % (CHUNK_COUPLES * 10) == 0:
            elapsed = time.monotonic() - started
            log(f"  seeded {done:,}/{couples:,} couples ({elapsed:.0f}s)")


def _people(
    start: int, count: int, days: int, today: date, password: str
) -> list[tuple[int, tuple[int, int]]]:
    """`count` couples of two people (few rows: the ORM's bulk_create is fine here)."""
    now = timezone.now()
    joined = datetime.combine(today - timedelta(days=days + 1), datetime.min.time(), UTC)
    users = User.objects.bulk_create(
        User(
            email=EMAIL.format(2 * start + i),
            display_name=f"{'Sam' if i % 2 == 0 else 'Alex'} {(2 * start + i) // 2}",
            time_zone="UTC",
            password=password,
            email_confirmed_at=now,
            date_joined=joined,
        )
        for i in range(2 * count)
    )
    new_couples = Couple.objects.bulk_create(Couple(created_at=joined) for _ in range(count))
    Membership.objects.bulk_create(
        Membership(couple=couple, user=users[2 * i + seat - 1], seat=seat, joined_at=joined)
        for i, couple in enumerate(new_couples)
        for seat in (1, 2)
    )
    return [
        (couple.pk, (users[2 * i].pk, users[2 * i + 1].pk)) for i, couple in enumerate(new_couples)
    ]


def _history(
    couple: int,
    pair: tuple[int, int],
    days: int,
    today: date,
    questions: list[tuple[int, str]],
    rng: random.Random,
    values: _Values,
    tables: dict[str, _Table],
) -> None:
    """One couple's days, oldest first; offset 0 is today, left unanswered."""
    picks = _picks(rng, len(questions), days + 1)
    for offset in range(days, -1, -1):
        day = today - timedelta(days=offset)
        question, text = questions[picks[offset]]
        revealed = values.at(day, 20) if offset else None
        daily = tables["daily"].add(
            values.code(), couple, None, values.day(day), question, DailyQuestion.Kind.NEW.value,
            None, 0, "[]", revealed, values.at(day, 6),
        )  # fmt: skip
        if not offset:
            continue
        for n, author in enumerate(pair):
            written = values.at(day, 18, 10 * n)
            tables["answers"].add(
                values.code(), author, couple, Visibility.REVEAL.value, revealed, written, written,
                None, 1, daily, text, rng.choice(ANSWERS),
            )  # fmt: skip
        if offset % REPLY_EVERY == 0:
            turn = offset // REPLY_EVERY % 2
            written = values.at(day, 21)
            tables["replies"].add(
                values.code(), pair[turn], couple, Visibility.SHARED.value, None, written, written,
                None, 1, daily, rng.choice(REPLIES),
            )  # fmt: skip
            if offset > UNREAD_DAYS:
                tables["read_marks"].add(pair[1 - turn], daily, values.at(day, 22))


def _picks(rng: random.Random, pool: int, needed: int) -> list[int]:
    """Question indexes for `needed` days: no repeats until the pool runs out."""
    picks: list[int] = []
    while len(picks) < needed:
        picks.extend(rng.sample(range(pool), min(pool, needed - len(picks))))
    return picks


def _finish() -> None:
    """Sequences past the ids given here, and planner statistics (as PostgreSQL's
    autovacuum would gather them on a live server, and SQLite's `PRAGMA optimize`)."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(
            no_style(), [DailyQuestion, Answer, Reply, ReadMark]
        ):
            cursor.execute(statement)
        cursor.execute("ANALYZE")


# --- Reuse ------------------------------------------------------------------------------


def ensure_today(log: Log) -> None:
    """On a reused data set: give every couple a question for today (UTC), unanswered,
    so every run starts from the same state (the answer scenario writes answers)."""
    today = timezone.now().date()
    missing = list(Couple.objects.exclude(daily_questions__day=today).values_list("pk", flat=True))
    if missing:
        pks = list(Question.objects.filter(retired=False).values_list("pk", flat=True))
        rng = random.Random(today.toordinal())
        DailyQuestion.objects.bulk_create(
            (DailyQuestion(couple_id=pk, day=today, question_id=rng.choice(pks)) for pk in missing),
            batch_size=2000,
        )
        log(f"  added today's question for {len(missing):,} couples")
    Answer.objects.filter(daily__day=today, daily__couple__isnull=False).delete()
    DailyQuestion.objects.filter(day=today).exclude(revealed_at=None).update(revealed_at=None)


# --- Signed-in clients ----------------------------------------------------------------


def sign_in_people(couples_wanted: int) -> list[Person]:
    """Sessions for both partners of `couples_wanted` couples spread over the data set,
    made exactly as a fresh sign-in leaves them (see nearer.accounts.security)."""
    Session.objects.all().delete()
    DeviceSession.objects.all().delete()
    all_couples = list(Couple.objects.order_by("pk").values_list("pk", flat=True))
    step = max(1, len(all_couples) // max(1, couples_wanted))
    chosen = all_couples[::step][:couples_wanted]
    today = timezone.now().date()
    codes = dict(
        DailyQuestion.objects.filter(couple_id__in=chosen, day=today).values_list(
            "couple_id", "code"
        )
    )
    memberships = (
        Membership.objects.filter(couple_id__in=chosen, active=True)
        .select_related("user")
        .order_by("couple_id", "seat")
    )
    people: list[Person] = []
    devices: list[DeviceSession] = []
    now = time.time()
    for membership in memberships:
        user = membership.user
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[AUTH_AT] = store[SIGNED_IN_AT] = store[SEEN_AT] = now
        store.create()
        assert store.session_key is not None
        devices.append(DeviceSession(user=user, session_key=store.session_key, user_agent="wrk"))
        people.append(
            Person(
                user_id=user.pk,
                seat=membership.seat,
                session_key=store.session_key,
                today_code=str(codes[membership.couple_id]),
            )
        )
    DeviceSession.objects.bulk_create(devices)
    return people
