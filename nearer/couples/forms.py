from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nearer.couples.models import CODE_LENGTH, normalise_code


class JoinByCodeForm(forms.Form):
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


class UnpairForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand we'll stop seeing each other's shared things at once."),
        required=True,
    )
