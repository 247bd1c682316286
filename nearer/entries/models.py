"""The shape of everything a person writes, and the one rule for who may see it.

Every ritual's writing (answers, replies, …) subclasses `Entry` and is declared in the
ritual's registration (nearer.lib.rituals). Who may see an entry is decided in exactly
one place, `EntryQuerySet.visible_to`; lists filter through it, and a single entry is
reached through `get_entry_for_user`, built on it, never with ad-hoc filters.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from nearer.accounts.models import User
    from nearer.couples.models import Couple


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    SHARED = "shared", _("Shared with my partner")
    # Shown to the partner only once both have answered: `revealed_at` is then set.
    REVEAL = "reveal", _("Revealed when we've both answered")


E = TypeVar("E", bound="Entry")


class EntryQuerySet(models.QuerySet[E]):
    def visible_to(self, user: User, couple: Couple | None) -> EntryQuerySet[E]:
        """What `user` may see: their own entries, plus, from their *current* couple
        only, the partner's shared entries and revealed ones.

        `couple` must be the person's active couple (or None when unpaired). Entries
        written solo have no couple, and entries from an earlier couple carry that
        couple, so neither ever reaches a later partner; after unpairing `couple` is
        None and the partner's entries vanish at once.
        """
        mine = Q(author=user)
        if couple is None:
            return self.filter(mine)
        partners = Q(couple=couple) & (
            Q(visibility=Visibility.SHARED)
            | Q(visibility=Visibility.REVEAL, revealed_at__isnull=False)
        )
        return self.filter(mine | partners)


class Entry(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    # The couple the author was in when writing; None when written solo.
    couple = models.ForeignKey(
        "couples.Couple", models.CASCADE, null=True, blank=True, related_name="+"
    )
    visibility = models.CharField(max_length=10, choices=Visibility.choices)
    revealed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Which sending of a form made this entry, so sending it twice stores it once
    # (nearer.entries.submits). None for entries made without a form.
    submit_token = models.UUIDField(null=True, blank=True, editable=False)
    # Moved by every edit, so an edit based on an older version is caught
    # (nearer.entries.edits). A counter rather than `updated_at`: two edits in the same
    # clock tick, or clocks that differ between servers, can't make it lie.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["author", "-created_at"], name="%(app_label)s_%(class)s_author"),
            models.Index(fields=["couple", "visibility"], name="%(app_label)s_%(class)s_couple"),
        ]
        # A subclass that declares its own constraints must keep these:
        # `constraints = [*Entry.Meta.constraints, ...]` (a test checks every entry type).
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submit_token"],
                condition=Q(submit_token__isnull=False),
                name="%(app_label)s_%(class)s_submit_once",
            ),
        ]

    def export_fields(self) -> dict[str, Any]:
        """What an export shows of this entry beyond author, visibility and time: at
        least everything its author wrote. Every entry type must say (a test checks)."""
        raise NotImplementedError(f"{type(self).__name__} must say what its export shows")


def get_entry_for_user(
    queryset: EntryQuerySet[E], user: User, couple: Couple | None, code: uuid.UUID | str
) -> E:
    """The only door to a single entry: 404 for anyone who may not see it, and for a
    code that is not one."""
    try:
        code = code if isinstance(code, uuid.UUID) else uuid.UUID(str(code))
    except ValueError as exc:
        raise Http404 from exc
    entry = queryset.visible_to(user, couple).filter(code=code).first()
    if entry is None:
        raise Http404
    return entry
