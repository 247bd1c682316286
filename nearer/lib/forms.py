"""Forms that speak in Nearer's voice.

Django's stock messages ("This field is required.", "Enter a valid email address.")
read like a machine. Every form of ours mixes in `OurVoice` (a test walks the tree to
check), which swaps those stock texts for ours; a message a form sets itself is kept.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

_OURS: dict[str, Any] = {
    "required": _("Please fill this in."),
    "max_length": _(
        "That's a little long: this takes up to %(limit_value)d characters, and it has "
        "%(show_value)d."
    ),
    "min_length": _("That's a little short: this needs at least %(limit_value)d characters."),
    "invalid_choice": _("Please choose one of the options."),
    "invalid": _("That doesn't look quite right. Could you check it?"),
}
_VALIDATOR_CODES = ("max_length", "min_length")
_OURS_BY_FIELD: dict[type[forms.Field], dict[str, Any]] = {
    forms.EmailField: {
        "invalid": _("That doesn't look like an e-mail address. Is there a typo?"),
    },
}


def _stock(field: forms.Field) -> dict[str, Any]:
    """The messages Django's own field classes give this field."""
    stock: dict[str, Any] = {}
    for cls in reversed(type(field).__mro__):
        if cls.__module__.startswith("django."):
            stock.update(getattr(cls, "default_error_messages", {}))
    return stock


def _by_field(field: forms.Field) -> dict[str, Any]:
    words: dict[str, Any] = {}
    for cls, theirs in _OURS_BY_FIELD.items():
        if isinstance(field, cls):
            words.update(theirs)
    return words


def _ours(field: forms.Field) -> dict[str, Any]:
    return {**_OURS, **_by_field(field)}


class OurVoice:
    """Mix in before Django's form class: `class SignUpForm(OurVoice, forms.Form)`."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            stock, ours = _stock(field), _ours(field)
            messages = {
                key: ours.get(key, text) if text == stock.get(key) else text
                for key, text in field.error_messages.items()
            }
            # A stock validator's words (a length's, an e-mail's) come through the
            # field's message for their code, where it has one: give it ours. ("invalid"
            # only where the field type says so: our own validators use that code too.)
            for key in (*_VALIDATOR_CODES, *_by_field(field)):
                messages.setdefault(key, ours[key])
            field.error_messages = messages
