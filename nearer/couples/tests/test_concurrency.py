"""Real races on PostgreSQL: people pressing "pair" at the same instant.

SQLite serialises writers, so these only mean something on PostgreSQL; run with
DATABASE_URL=postgres://... pytest -m postgres.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection

from nearer.accounts.models import User
from nearer.couples.models import Couple, Invite, Membership
from nearer.couples.services import PairingError, couple_create, invite_create
from nearer.testing import make_user, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real concurrency (set DATABASE_URL)")


def accept(invite_pk: int, user_pk: int) -> Callable[[], Couple]:
    def task() -> Couple:
        invite = Invite.objects.select_related("inviter").get(pk=invite_pk)
        return couple_create(invite=invite, invitee=User.objects.get(pk=user_pk))

    return task


def assert_sane() -> None:
    """No one is in two couples, no couple has more than two people."""
    for user in User.objects.all():
        assert Membership.objects.filter(user=user, active=True).count() <= 1
    for couple in Couple.objects.all():
        assert Membership.objects.filter(couple=couple).count() <= 2


def test_two_people_accept_the_same_invite_at_once() -> None:
    for _ in range(5):
        Membership.objects.all().delete()
        Couple.objects.all().delete()
        inviter = make_user(f"Ann{_}")
        first, second = make_user(f"Ben{_}"), make_user(f"Cat{_}")
        invite = invite_create(inviter=inviter)

        results = race(accept(invite.pk, first.pk), accept(invite.pk, second.pk))

        couples = [r for r in results if isinstance(r, Couple)]
        errors = [r for r in results if not isinstance(r, Couple)]
        assert len(couples) == 1, results
        assert len(errors) == 1 and isinstance(errors[0], PairingError), results
        assert Couple.objects.count() == 1
        assert Membership.objects.filter(user=inviter, active=True).count() == 1
        assert_sane()


def test_each_accepts_the_others_code_at_once() -> None:
    for _ in range(5):
        Membership.objects.all().delete()
        Couple.objects.all().delete()
        ann, ben = make_user(f"Ann{_}"), make_user(f"Ben{_}")
        anns, bens = invite_create(inviter=ann), invite_create(inviter=ben)

        results = race(accept(bens.pk, ann.pk), accept(anns.pk, ben.pk))

        couples = [r for r in results if isinstance(r, Couple)]
        errors = [r for r in results if not isinstance(r, Couple)]
        # Every failure is a clear PairingError, never a database error (a 500).
        assert all(isinstance(e, PairingError) for e in errors), results
        assert Couple.objects.count() == 1
        assert len(couples) == 1
        assert_sane()


def test_double_submitted_accept_makes_one_couple() -> None:
    ann, ben = make_user("Ann"), make_user("Ben")
    invite = invite_create(inviter=ann)

    results = race(accept(invite.pk, ben.pk), accept(invite.pk, ben.pk))

    assert sum(isinstance(r, Couple) for r in results) == 1, results
    assert all(isinstance(r, Couple | PairingError) for r in results), results
    assert Couple.objects.count() == 1
    assert_sane()


def test_three_people_never_make_a_couple_of_three() -> None:
    for _ in range(3):
        Membership.objects.all().delete()
        Couple.objects.all().delete()
        ann, ben, cat = make_user(f"Ann{_}"), make_user(f"Ben{_}"), make_user(f"Cat{_}")
        anns, bens = invite_create(inviter=ann), invite_create(inviter=ben)

        results = race(accept(anns.pk, ben.pk), accept(anns.pk, cat.pk), accept(bens.pk, cat.pk))

        assert all(isinstance(r, Couple | PairingError) for r in results), results
        assert_sane()
        assert Membership.objects.filter(active=True).count() == 2
