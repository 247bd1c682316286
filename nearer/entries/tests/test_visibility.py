"""The one rule for who may see an entry (nearer.entries.models): `visible_to` and the
single door built on it, `get_entry_for_user`, tried on real entry types (the answers
and replies of Today's question)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from itertools import count

from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from nearer.accounts.models import User
from nearer.couples.models import Couple
from nearer.couples.services import couple_end
from nearer.entries.models import Entry, Visibility, get_entry_for_user
from nearer.questions.models import Answer, DailyQuestion, Question, Reply
from nearer.testing import BaseTestCase, make_couple, make_user

_days = count()


def _daily(*, couple: Couple | None = None, solo_user: User | None = None) -> DailyQuestion:
    """A fresh day's question (one per entry, so an answer never meets the one-answer-a-
    day constraint)."""
    return DailyQuestion.objects.create(
        couple=couple,
        solo_user=solo_user,
        day=date(2024, 1, 1) + timedelta(days=next(_days)),
        question=Question.objects.order_by("pk").first(),
    )


def answer(author: User, couple: Couple | None, visibility: str, *, revealed: bool) -> Answer:
    daily = _daily(couple=couple) if couple else _daily(solo_user=author)
    return Answer.objects.create(
        daily=daily,
        author=author,
        couple=couple,
        visibility=visibility,
        revealed_at=timezone.now() if revealed else None,
        shown_text="What made you laugh this week?",
        text=f"{author.display_name}, {visibility}, revealed={revealed}",
    )


def reply(author: User, couple: Couple | None, visibility: str = Visibility.SHARED) -> Reply:
    daily = _daily(couple=couple) if couple else _daily(solo_user=author)
    return Reply.objects.create(
        daily=daily, author=author, couple=couple, visibility=visibility, text="Me too."
    )


class VisibilityTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_content", verbosity=0)
        cls.private = answer(cls.alice, cls.couple, Visibility.PRIVATE, revealed=False)
        cls.shared = answer(cls.alice, cls.couple, Visibility.SHARED, revealed=False)
        cls.waiting = answer(cls.alice, cls.couple, Visibility.REVEAL, revealed=False)
        cls.revealed = answer(cls.alice, cls.couple, Visibility.REVEAL, revealed=True)
        cls.shared_reply = reply(cls.alice, cls.couple)
        cls.private_reply = reply(cls.alice, cls.couple, Visibility.PRIVATE)

    def visible(self, user: User, couple: Couple | None) -> set[Entry]:
        return {
            *Answer.objects.all().visible_to(user, couple),
            *Reply.objects.all().visible_to(user, couple),
        }

    def assertDoor(self, user: User, couple: Couple | None, entry: Entry, opens: bool) -> None:
        """`get_entry_for_user` hands `entry` to `user`, or answers 404, by its code as a
        UUID and as the string a URL carries."""
        queryset = type(entry).objects.all()
        for code in (entry.code, str(entry.code)):
            with self.subTest(user=user.display_name, entry=str(entry), code=type(code)):
                if opens:
                    self.assertEqual(get_entry_for_user(queryset, user, couple, code), entry)
                else:
                    with self.assertRaises(Http404):
                        get_entry_for_user(queryset, user, couple, code)

    def test_the_author_sees_all_their_own_entries(self) -> None:
        own = {
            self.private,
            self.shared,
            self.waiting,
            self.revealed,
            self.shared_reply,
            self.private_reply,
        }
        self.assertEqual(self.visible(self.alice, self.couple), own)
        # Unpaired or not, what you wrote stays yours.
        self.assertEqual(self.visible(self.alice, None), own)
        for entry in own:
            self.assertDoor(self.alice, self.couple, entry, opens=True)
            self.assertDoor(self.alice, None, entry, opens=True)

    def test_partner_sees_shared_and_revealed_only(self) -> None:
        self.assertEqual(
            self.visible(self.bob, self.couple), {self.shared, self.revealed, self.shared_reply}
        )
        for entry in (self.shared, self.revealed, self.shared_reply):
            self.assertDoor(self.bob, self.couple, entry, opens=True)

    def test_partner_cannot_see_it(self) -> None:
        for entry in (self.private, self.waiting, self.private_reply):
            self.assertDoor(self.bob, self.couple, entry, opens=False)

    def test_a_reveal_opens_to_the_partner_once_revealed(self) -> None:
        Answer.objects.filter(pk=self.waiting.pk).update(revealed_at=timezone.now())
        self.assertDoor(self.bob, self.couple, self.waiting, opens=True)

    def test_it_hides_from_other_couples(self) -> None:
        for user in (self.charlie, self.dana):
            self.assertEqual(self.visible(user, self.other_couple), set())
            for entry in (self.shared, self.revealed, self.shared_reply, self.private):
                self.assertDoor(user, self.other_couple, entry, opens=False)
        self.assertEqual(self.visible(self.eve, None), set())
        self.assertDoor(self.eve, None, self.shared, opens=False)

    def test_a_wrong_couple_passed_in_opens_nothing(self) -> None:
        # Bob, with Charlie and Dana's couple, is still not Alice's partner there.
        self.assertEqual(self.visible(self.bob, self.other_couple), set())
        self.assertDoor(self.bob, self.other_couple, self.shared, opens=False)

    def test_an_entry_written_solo_never_reaches_a_later_partner(self) -> None:
        solo = [
            answer(self.eve, None, visibility, revealed=revealed)
            for visibility, revealed in [
                (Visibility.PRIVATE, False),
                (Visibility.SHARED, False),
                (Visibility.REVEAL, False),
                # Even marked shared and revealed, an entry without a couple goes nowhere.
                (Visibility.REVEAL, True),
            ]
        ] + [reply(self.eve, None)]
        frank = make_user("Frank")
        couple = make_couple(self.eve, frank)
        self.assertEqual(self.visible(frank, couple), set())
        self.assertEqual(self.visible(self.eve, couple), set(solo))
        for entry in solo:
            self.assertDoor(frank, couple, entry, opens=False)
            self.assertDoor(self.eve, couple, entry, opens=True)

    def test_an_earlier_couples_entries_stay_with_it(self) -> None:
        bobs = answer(self.bob, self.couple, Visibility.SHARED, revealed=False)
        couple_end(couple=self.couple)
        frank = make_user("Frank")
        new_couple = make_couple(self.alice, frank)
        # The new partner sees nothing from before.
        self.assertEqual(self.visible(frank, new_couple), set())
        for entry in (self.shared, self.revealed, self.shared_reply, self.private):
            self.assertDoor(frank, new_couple, entry, opens=False)
        # The old partner, unpaired, sees nothing of Alice's any more; only his own.
        self.assertEqual(self.visible(self.bob, None), {bobs})
        for entry in (self.shared, self.revealed, self.shared_reply):
            self.assertDoor(self.bob, None, entry, opens=False)
        # And Alice, in her new couple, no longer sees what Bob shared.
        self.assertDoor(self.alice, new_couple, bobs, opens=False)
        self.assertDoor(self.alice, new_couple, self.shared, opens=True)

    def test_an_unknown_or_malformed_code_is_404(self) -> None:
        for user, couple in ((self.alice, self.couple), (self.bob, self.couple)):
            for code in (uuid.uuid4(), str(uuid.uuid4()), "not-a-code", ""):
                with self.subTest(user=user.display_name, code=code), self.assertRaises(Http404):
                    get_entry_for_user(Answer.objects.all(), user, couple, code)

    def test_the_queryset_is_respected(self) -> None:
        # The door only opens within the queryset it is given: a reply's code is no
        # answer, and a queryset narrowed by the caller stays narrowed.
        with self.assertRaises(Http404):
            get_entry_for_user(
                Answer.objects.all(), self.alice, self.couple, self.shared_reply.code
            )
        narrowed = Answer.objects.exclude(pk=self.shared.pk)
        with self.assertRaises(Http404):
            get_entry_for_user(narrowed, self.alice, self.couple, self.shared.code)
