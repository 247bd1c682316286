from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nearer.lib.forms import OurVoice

# A reply is short (Today's replies stop at 1,000 characters); the check reads a draft
# and forgets it, so its bound is generous, and practice mode's matches a reply's.
CHECK_MAX = 4000
PRACTICE_MAX = 1000


class CheckForm(OurVoice, forms.Form):
    about = forms.CharField(max_length=80)
    text = forms.CharField(
        max_length=CHECK_MAX,
        required=False,
        strip=False,
        error_messages={
            "max_length": _(
                "The check reads up to %(limit_value)d characters, and this has "
                "%(show_value)d. Trim it a little and check again: your text is still here."
            ),
        },
    )


class PracticeForm(OurVoice, forms.Form):
    text = forms.CharField(
        label=_("What would you say back?"),
        max_length=PRACTICE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write a reply first: a sentence is plenty."),
            "max_length": _("Keep it under %(limit_value)d characters; your text is still here."),
        },
    )
