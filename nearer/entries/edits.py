"""Editing an entry in two places at once loses nothing.

An edit form carries the version of the entry it was rendered from (`EditForm`); the
service checks it under its lock (`check_version`) and refuses an edit based on an
older version with `StaleEdit`, which carries what is saved now. The page then shows
both: the words just typed, still editable, and the saved ones beside them, and the
form is based on the saved version, so sending it again means "keep mine".

The version is `Entry.version`, a counter moved by every edit (`save_edit`).
"""

from __future__ import annotations

from typing import Any, Self

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nearer.entries.models import Entry
from nearer.lib.forms import OurVoice

# The version a form sends when it was rendered with no entry yet: any entry saved
# meanwhile (in another tab) is newer.
NOTHING_YET = 0

STALE = _(
    "You changed this in another tab or on another device. Here are both: keep the one you want."
)


class StaleEdit(Exception):
    """An edit based on an older version of the entry than the one saved."""

    def __init__(self, entry: Entry, saved: dict[str, Any]) -> None:
        super().__init__(STALE)
        self.version = entry.version
        self.saved = saved  # the fields the edit would change, as saved now


class VersionField(forms.IntegerField):
    """The hidden version an edit form was rendered from. Missing or mangled (a
    caller that is not one of our forms): the edit is not checked, rather than refused
    over a field nobody sees."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", NOTHING_YET)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> int | None:
        try:
            return super().clean(value)
        except forms.ValidationError:
            return None


class EditForm(OurVoice, forms.Form):
    """Mix into a form that writes or edits an entry; pass `cleaned_data["version"]`
    to the service, and on `StaleEdit` show `form.rebased(exc)`."""

    version = VersionField()
    stale_message: Any = STALE  # a form may say what "this" is
    stale: StaleEdit | None = None

    @classmethod
    def editing(cls, entry: Entry | None, **initial: Any) -> Self:
        """The empty form for writing `entry` (None: not written yet), based on its
        saved version."""
        return cls(initial={**initial, "version": entry.version if entry else NOTHING_YET})

    def rebased(self, stale: StaleEdit) -> Self:
        """This form again, with what was typed, based on the saved version and saying
        why it was refused; `stale.saved` holds the saved words to show beside it."""
        data = self.data.copy() if isinstance(self.data, QueryDict) else {**self.data}
        data[self.add_prefix("version")] = str(stale.version)
        form = type(self)(data, prefix=self.prefix)
        form.is_valid()
        form.add_error(None, str(self.stale_message))
        form.stale = stale
        return form


def check_version(entry: Entry, sent: int | None, **changes: Any) -> None:
    """Refuse an edit of `entry` to `changes` based on an older version than the saved
    one, raising `StaleEdit`.

    `sent` is the version the edit form was rendered from (`NOTHING_YET` when it had no
    entry yet); None is not checked. An edit that changes nothing is never refused: a
    double submit, or the same words from two tabs, loses nothing. Call it with
    `entry` read under the lock that serialises its edits, or two edits based on the
    same version could both pass.
    """
    if sent is None or sent == entry.version:
        return
    if all(getattr(entry, name) == value for name, value in changes.items()):
        return
    raise StaleEdit(entry, {name: getattr(entry, name) for name in changes})


def save_edit(entry: Entry, **changes: Any) -> bool:
    """Apply `changes` to `entry` as a new version; say whether anything changed (an
    edit that changes nothing writes nothing)."""
    changed = [name for name, value in changes.items() if getattr(entry, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(entry, name, changes[name])
    entry.version += 1
    entry.updated_at = timezone.now()
    entry.save(update_fields=[*changed, "version", "updated_at"])
    return True
