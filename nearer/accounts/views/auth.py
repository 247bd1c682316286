"""Signing up, confirming an address, signing in and out."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nearer.accounts import services
from nearer.accounts.forms import (
    MAIL_WINDOW,
    MAILS_PER_ADDRESS,
    SIGN_IN_LOCK,
    SignInForm,
    SignUpForm,
)
from nearer.accounts.invitation import Invitation, invitation_read
from nearer.accounts.models import DeviceSession, User, time_zone_names
from nearer.accounts.security import mark_authenticated
from nearer.accounts.tokens import confirm_link_status, read_confirm_token
from nearer.lib.http import public
from nearer.limits import counters

# Sign-in: an account locks after a few failures; a client address after many more, so
# two partners behind one home router never lock each other out. (Behind a proxy, the
# address is the client's only with TRUSTED_PROXY_COUNT set: nearer.limits.counters.)
ACCOUNT_FAILURES, ADDRESS_FAILURES, FAILURE_WINDOW = 5, 50, 15 * 60
SIGNUPS_PER_ADDRESS, SIGNUP_WINDOW = 10, 60 * 60


def _safe_next(request: HttpRequest) -> str:
    invitation = invitation_read(request)
    # Someone invited comes back to the invite to accept it (or to hear kindly that it
    # ran out), even when `next` was lost on the way: the confirmation link sends them to
    # a bare /sign-in/.
    for target in (
        request.POST.get("next") or request.GET.get("next") or "",
        invitation.path if invitation else "",
    ):
        if target and url_has_allowed_host_and_scheme(
            target, {request.get_host()}, require_https=request.is_secure()
        ):
            return target
    # LOGIN_REDIRECT_URL is a URL name ("home"); resolve it to a path.
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@public("how a visitor makes an account")
@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        ip = counters.client_ip(request)
        if not counters.hit("signup-ip", ip, limit=SIGNUPS_PER_ADDRESS, window=SIGNUP_WINDOW):
            form.add_error(None, _("Too many sign-ups from here just now. Try again in an hour."))
        elif form.is_valid():
            services.account_sign_up(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                display_name=form.cleaned_data["display_name"],
                time_zone=form.cleaned_data["time_zone"],
                language=request.LANGUAGE_CODE or "en",
            )
            # Same answer whether or not the address was already registered.
            return render(
                request, "accounts/check_inbox.html", {"email": form.cleaned_data["email"]}
            )
    context = {
        "form": form,
        "time_zones": time_zone_names(),
        "invitation": _live_invitation(request),
    }
    return render(request, "accounts/sign_up.html", context)


@public("opened from the e-mailed link, often in a browser not signed in; the token says who")
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    read = read_confirm_token(token)
    user = User.objects.filter(code=read.user_code).first() if read else None
    status = confirm_link_status(user, read) if read and user else "stale"
    if status == "used":  # opened twice, or by a mail scanner before the person
        messages.info(request, _("That link has been used already: your e-mail is confirmed."))
        return redirect("home" if request.user.is_authenticated else "accounts:sign_in")
    if read is None or user is None or status != "open":
        return render(request, "accounts/confirm_failed.html", status=400)
    if not services.account_confirm_email(user=user, email=read.email):
        messages.error(request, _("That address is now used by another account."))
        return redirect("accounts:sign_in")
    messages.success(request, _("Your e-mail is confirmed. Welcome to Nearer."))
    if request.user.is_authenticated:
        return redirect("home")
    # A newcomer, most likely: the sign-in page greets them as one, not "Welcome back".
    return redirect(reverse("accounts:sign_in") + "?confirmed=1")


@public("how a visitor signs in")
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignInForm(request.POST if request.method == "POST" else None)
    # The form posts to a bare /sign-in/, so after a typo `next` lives in the POST.
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        ip = counters.client_ip(request)
        # Each try is counted before the password is checked, in one statement per
        # counter, so guesses sent at the same instant cannot all pass the check; a
        # right password takes its try back.
        if not (
            counters.hit("signin-ip", ip, limit=ADDRESS_FAILURES, window=FAILURE_WINDOW)
            and counters.hit(SIGN_IN_LOCK, email, limit=ACCOUNT_FAILURES, window=FAILURE_WINDOW)
        ):
            form.add_error(
                None,
                _(
                    "Too many attempts. For safety, wait 15 minutes, or reset your "
                    "password by e-mail."
                ),
            )
            return _sign_in_page(request, form, next_url, status=429)
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        if not isinstance(user, User):
            form.add_error(None, _("That e-mail and password don't match an account."))
            return _sign_in_page(request, form, next_url)
        # The right password: not a failure from this address, and the account's
        # count starts again.
        counters.refund("signin-ip", ip)
        counters.clear(SIGN_IN_LOCK, email)
        if not user.email_confirmed:
            if counters.hit("confirm-mail", email, limit=MAILS_PER_ADDRESS, window=MAIL_WINDOW):
                services.send_confirmation(user, user.email)
            form.add_error(
                None, _("Please confirm your e-mail first. We've sent you a fresh link.")
            )
        else:
            login(request, user)
            mark_authenticated(request, user)
            return HttpResponseRedirect(_safe_next(request))
    return _sign_in_page(request, form, next_url)


def _sign_in_page(
    request: HttpRequest, form: SignInForm, next_url: str, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "next": next_url,
        "invitation": _live_invitation(request),
        "confirmed": request.GET.get("confirmed") == "1",
    }
    return render(request, "accounts/sign_in.html", context, status=status)


def _live_invitation(request: HttpRequest) -> Invitation | None:
    """Who invited this visitor, for the sign-up and sign-in pages to say so."""
    invitation = invitation_read(request)
    return invitation if invitation is not None and invitation.is_live else None


@public("signing out must work even when the session has already ended")
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.session.session_key:
        DeviceSession.objects.filter(session_key=request.session.session_key).delete()
    logout(request)  # flushes the session row server-side
    response = redirect("accounts:sign_in")
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response
