from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from nearer.accounts.models import DISPLAY_NAME_MAX, User, validate_time_zone
from nearer.lib.forms import OurVoice
from nearer.limits import counters
from nearer.outbox.compose import send_templated

# E-mails we send to one address on request (reset, fresh confirmation links).
MAILS_PER_ADDRESS, MAIL_WINDOW = 3, 60 * 60
# Reset requests from one client address an hour, whatever the e-mails they name.
RESETS_PER_CLIENT = 10
# The counter that locks an account's sign-in (and the password check before sensitive
# steps); a new password lifts it.
SIGN_IN_LOCK = "signin-account"


class PasswordField(forms.CharField):
    def __init__(
        self, *, label: Any = None, autocomplete: str = "current-password", help_text: Any = ""
    ) -> None:
        super().__init__(
            label=label or _("Password"),
            help_text=help_text,
            strip=False,
            max_length=settings.PASSWORD_MAX_LENGTH,
            widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        )


class SignUpForm(OurVoice, forms.Form):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=DISPLAY_NAME_MAX,
        help_text=_("What your partner will see."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = PasswordField(
        autocomplete="new-password",
        help_text=_(
            "Use at least 8 characters; a short sentence is easy to remember and hard to guess."
        ),
    )
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        initial="UTC",
        validators=[validate_time_zone],
        help_text=_("So “today” means your today. For example Europe/Berlin or America/Chicago."),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please tell us what to call you."))
        return name

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if password:
            probe = User(email=data.get("email", ""), display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class SignInForm(OurVoice, forms.Form):
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = PasswordField()


class ConfirmPasswordForm(OurVoice, forms.Form):
    password = PasswordField()

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password isn't right."))
        return password


class ProfileForm(OurVoice, forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ["display_name", "time_zone", "language"]
        widgets = {"time_zone": forms.TextInput(attrs={"list": "time-zones"})}

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please tell us what to call you."))
        return name


class ChangeEmailForm(OurVoice, forms.Form):
    email = forms.EmailField(label=_("New e-mail"), max_length=254)


class ChangePasswordForm(OurVoice, SetPasswordForm):
    """New password twice: on the account page, where the current one was checked by the
    re-authentication step, and from a reset link, which proved the inbox."""

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        if commit:
            # Whoever was guessing the old password has nothing left to guess: the owner
            # may sign in with the new one at once.
            counters.clear(SIGN_IN_LOCK, user.email.lower())
        return user


class NearerPasswordResetForm(OurVoice, PasswordResetForm):
    email = forms.EmailField(label=_("E-mail"), max_length=254)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Asking for resets from one place is limited too, so nobody can fill the
        # counters or the outbox with made-up addresses; the answer reads the same.
        # (PasswordResetView passes the request by name.)
        request = kwargs.get("request")
        if isinstance(request, HttpRequest) and not counters.hit(
            "reset-client", counters.client_ip(request), limit=RESETS_PER_CLIENT, window=MAIL_WINDOW
        ):
            return
        super().save(*args, **kwargs)

    def get_users(self, email: str) -> Any:
        # A few reset e-mails an hour per address at most, so nobody can flood an inbox.
        if not counters.hit(
            "reset-mail", email.lower(), limit=MAILS_PER_ADDRESS, window=MAIL_WINDOW
        ):
            return User.objects.none()
        return User.objects.filter(email__iexact=email, is_active=True)

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        # Through our one composer, like every other e-mail (plain text unescaped).
        # Django passes (subject, body, context, from, to, html) by position.
        _subject, body, context, _from, to = args[:5]
        send_templated(to, str(body).removeprefix("emails/").removesuffix("-body.txt"), context)


class DeleteAccountForm(OurVoice, forms.Form):
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"),
        max_length=10,
    )

    def clean_confirm(self) -> str:
        value = str(self.cleaned_data["confirm"]).strip()
        if value.upper() != "DELETE":
            raise forms.ValidationError(_("Type DELETE (in capitals or not) to confirm."))
        return value
