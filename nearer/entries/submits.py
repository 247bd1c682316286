"""Sending a form twice stores what it made once.

A double click, a retried request on a flaky connection, twenty identical posts: each
carries the same token, made when the form was rendered empty (`SubmitOnce`), and
`create_once` stores one row for it. Every form that creates an entry carries one.

The token names one rendering of a form, not one piece of writing: a kept page
(nearer.keptpages) hands the same rendering to two tabs, and the back button brings it
back, and from either the person may send different words. Those are two entries, not
a double submit. So the row keeps a token made from the one sent *and* what is stored
(`_row_token`): the same words from the same form are stored once, other words are
stored too.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar, cast

from django import forms
from django.db import IntegrityError, models, transaction

from nearer.accounts.models import User
from nearer.entries.models import Entry
from nearer.entries.pace import Pace
from nearer.lib.forms import OurVoice

E = TypeVar("E", bound=Entry)


class SubmitTokenField(forms.UUIDField):
    """A hidden token: a fresh one each time the form is rendered empty, the one sent
    back when an invalid form is shown again."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        # Not required, and a mangled token is no token: without one the entry is still
        # stored (only unprotected), rather than refused over a field nobody sees.
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", uuid.uuid4)  # called once per rendered form
        super().__init__(**kwargs)

    def clean(self, value: Any) -> uuid.UUID | None:
        try:
            return super().clean(value)
        except forms.ValidationError:
            return None


class SubmitOnce(OurVoice, forms.Form):
    """Mix into a form that creates an entry; pass `cleaned_data["submit_token"]` on to
    `create_once`."""

    submit_token = SubmitTokenField()


def create_once(
    model: type[E],
    *,
    author: User,
    submit_token: uuid.UUID | None,
    pace: Pace | None = None,
    **fields: Any,
) -> tuple[E, bool]:
    """Create the entry, or return the one this same submission already made.

    Returns the entry and whether this call created it, as `get_or_create` does, so a
    service sends its e-mail or counts its reveal only for the first. Safe in a
    transaction (a `@pairing_write` service): the insert runs in a savepoint, and a
    twin's insert that won the race is read back. Without a token, it just creates.
    With a `pace`, each new row counts against it and one past it raises TooFast, storing
    nothing; a twin that was already stored costs nothing.
    """
    rows = cast("models.Manager[E]", model._default_manager)
    token = None if submit_token is None else _row_token(submit_token, fields)
    try:
        with transaction.atomic():  # TooFast undoes the row
            row = rows.create(author=author, submit_token=token, **fields)
            if pace is not None:
                pace.count(author)
            return row, True
    except IntegrityError:
        if token is None:
            raise
        existing = rows.filter(author=author, submit_token=token).first()
        if existing is None:
            raise  # another constraint refused it
        return existing, False


def _row_token(sent: uuid.UUID, fields: dict[str, Any]) -> uuid.UUID:
    """The token stored with the row: the one sent, joined with what the row holds."""
    parts = []
    for name in sorted(fields):
        value = fields[name]
        if isinstance(value, models.Model):
            value = (value._meta.label, value.pk)
        parts.append(f"{name}={value!r}")
    return uuid.uuid5(sent, "\n".join(parts))
