from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nearer.questions.models import REPLY_MAX


class CheckForm(forms.Form):
    about = forms.CharField(max_length=80)
    # Generous bound: the check only reads the text; the reply form enforces its own limit.
    text = forms.CharField(max_length=REPLY_MAX * 4, required=False, strip=False)


class PracticeForm(forms.Form):
    text = forms.CharField(
        label=_("What would you say back?"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write a reply first: a sentence is plenty."),
            "max_length": _("Keep it under %(limit_value)d characters; your text is still here."),
        },
    )
