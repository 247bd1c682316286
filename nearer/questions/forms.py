from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nearer.entries.edits import EditForm
from nearer.entries.submits import SubmitOnce
from nearer.lib.forms import OurVoice
from nearer.questions.models import ANSWER_MAX, REPLY_MAX


class _BoundedText(forms.CharField):
    """Text with a limit the page announces as you type (no silent truncation)."""

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs["data-max"] = str(self.max_length)
        return attrs


class AnswerForm(EditForm):
    stale_message = _(
        "You changed this answer in another tab or on another device. "
        "Here are both: keep the one you want."
    )
    text = _BoundedText(
        label=_("Your answer"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write a few words first: even one line is a fine answer."),
            "max_length": _(
                "That's longer than %(limit_value)d characters (it has %(show_value)d). "
                "Trim it a little and try again: your text is still here."
            ),
        },
    )


class ReplyForm(SubmitOnce):
    text = _BoundedText(
        label=_("Reply"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Your reply is empty."),
            "max_length": _(
                "Replies can be up to %(limit_value)d characters (this one has %(show_value)d). "
                "Your text is still here."
            ),
        },
    )


class SearchForm(OurVoice, forms.Form):
    q = forms.CharField(label=_("Search your answers"), max_length=100, required=False)
