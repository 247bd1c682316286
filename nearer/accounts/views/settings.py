"""The account page: profile, address, password, sessions, deletion."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nearer.accounts import services
from nearer.accounts.devices import device_label
from nearer.accounts.forms import (
    SIGN_IN_LOCK,
    ChangeEmailForm,
    ChangePasswordForm,
    ConfirmPasswordForm,
    DeleteAccountForm,
    ProfileForm,
)
from nearer.accounts.models import DeviceSession, User, time_zone_names
from nearer.accounts.requests import person
from nearer.accounts.security import mark_reauthenticated, recent_auth_required
from nearer.accounts.views.auth import ACCOUNT_FAILURES, FAILURE_WINDOW, _safe_next
from nearer.lib import rituals
from nearer.limits import counters


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    user = person(request)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("accounts:account")
    # Only sessions that still work: expired or ended ones are not worth listing.
    live = Session.objects.filter(
        session_key=OuterRef("session_key"), expire_date__gt=timezone.now()
    )
    devices = list(user.device_sessions.filter(Exists(live)).order_by("-last_seen_at"))
    now = timezone.now()
    for device in devices:  # as a person would say them: "Firefox on Android", "just now"
        device.label = device_label(device.user_agent)  # type: ignore[attr-defined]
        device.just_now = now - device.last_seen_at < timedelta(minutes=1)  # type: ignore[attr-defined]
    context = {
        "form": form,
        "devices": devices,
        "this_session": request.session.session_key,
        "time_zones": time_zone_names(),
    }
    return render(request, "accounts/account.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def confirm_password(request: HttpRequest) -> HttpResponse:
    user = person(request)
    form = ConfirmPasswordForm(user, request.POST if request.method == "POST" else None)
    next_url = request.POST.get("next") or request.GET.get("next", "")
    context = {"form": form, "next": next_url}
    if request.method == "POST":
        # Shares the sign-in lock: someone holding an unlocked phone can't guess the
        # password here instead. The try is counted before the password is checked.
        email = user.email.lower()
        if not counters.hit(SIGN_IN_LOCK, email, limit=ACCOUNT_FAILURES, window=FAILURE_WINDOW):
            # A fresh form: the password posted is not checked at all, so the answer
            # can't tell a right guess from a wrong one.
            context["form"] = ConfirmPasswordForm(user)
            messages.error(request, _("Too many attempts. For safety, wait 15 minutes."))
            return render(request, "accounts/confirm_password.html", context, status=429)
        if form.is_valid():
            counters.clear(SIGN_IN_LOCK, email)
            mark_reauthenticated(request)
            return redirect(_safe_next(request))
    return render(request, "accounts/confirm_password.html", context)


@login_required
@recent_auth_required
@require_http_methods(["GET", "POST"])
def change_email(request: HttpRequest) -> HttpResponse:
    user = person(request)
    form = ChangeEmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # The address changes only when the new one is confirmed from its inbox. An
        # address another account uses gets nothing (its owner needn't hear from a
        # stranger), and the page reads the same, so it tells nothing either.
        new_email = form.cleaned_data["email"]
        if not User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
            services.send_confirmation(user, new_email)
        messages.success(
            request,
            _("We've sent a link to the new address. Your e-mail changes once you open it."),
        )
        return redirect("accounts:account")
    return render(request, "accounts/change_email.html", {"form": form})


@login_required
@recent_auth_required
@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    user = person(request)
    form = ChangePasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        form.save()
        old_key = request.session.session_key
        update_session_auth_hash(request, user)  # gives this session a new key
        DeviceSession.objects.filter(session_key=old_key).update(
            session_key=request.session.session_key
        )
        services.sessions_end(user=user, keep_session_key=request.session.session_key)
        messages.success(request, _("Password changed. Your other sessions were signed out."))
        return redirect("accounts:account")
    return render(request, "accounts/change_password.html", {"form": form})


@login_required
@require_POST
def end_session(request: HttpRequest, code: str) -> HttpResponse:
    device = DeviceSession.objects.filter(user=person(request), code=code).first()
    if device is None:
        raise Http404
    if device.session_key != request.session.session_key:
        services.session_end(device=device)
        messages.success(request, _("That session is signed out."))
    return redirect("accounts:account")


@login_required
@recent_auth_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = person(request)
        logout(request)
        services.account_delete(user=user)
        response = render(request, "accounts/deleted.html")
        response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response
    return render(request, "accounts/delete.html", {"form": form, "written": _written()})


def _written() -> str:
    """What a person may have written, as the installed rituals name it: "answers, replies"."""
    return ", ".join(str(m._meta.verbose_name_plural) for m in rituals.entry_types())
