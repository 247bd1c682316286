from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nearer.couples.models import CODE_LENGTH, normalise_code
from nearer.lib import rituals
from nearer.lib.forms import OurVoice


class JoinByCodeForm(OurVoice, forms.Form):
    code = forms.CharField(
        label=_("Your partner's code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                _("A code has 8 letters and numbers, like K7PM-4QXD. Check it and try again.")
            )
        return code


class UnpairForm(OurVoice, forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand we'll stop seeing each other's shared things at once."),
        required=True,
    )


class FocusForm(OurVoice, forms.Form):
    """The one or two practices a couple wants to lean toward this month."""

    practices = forms.MultipleChoiceField(
        label=_("Practices to lean toward this month"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["practices"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
        # What the focus changes, as each installed ritual says it.
        field.help_text = " ".join(
            str(text) for text in [_("Pick up to two."), *rituals.focus_effects()]
        )

    def clean_practices(self) -> list[str]:
        picked = list(self.cleaned_data["practices"])
        if len(picked) > 2:
            raise forms.ValidationError(_("Pick at most two, so the focus stays a focus."))
        return picked
