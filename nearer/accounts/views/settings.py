"""The account page: profile, address, password, sessions, deletion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nearer.accounts import services
from nearer.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    ConfirmPasswordForm,
    DeleteAccountForm,
    ProfileForm,
)
from nearer.accounts.models import DeviceSession, User, time_zone_names
from nearer.accounts.security import mark_reauthenticated, recent_auth_required
from nearer.accounts.views.auth import _safe_next


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("accounts:account")
    devices = user.device_sessions.order_by("-last_seen_at")
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
    form = ConfirmPasswordForm(_user(request), request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        mark_reauthenticated(request)
        return redirect(_safe_next(request))
    next_url = request.GET.get("next", "")
    return render(request, "accounts/confirm_password.html", {"form": form, "next": next_url})


@login_required
@recent_auth_required
@require_http_methods(["GET", "POST"])
def change_email(request: HttpRequest) -> HttpResponse:
    form = ChangeEmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # The address changes only when the new one is confirmed from its inbox.
        services.send_confirmation(_user(request), form.cleaned_data["email"])
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
    user = _user(request)
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
    device = DeviceSession.objects.filter(user=_user(request), code=code).first()
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
        user = _user(request)
        logout(request)
        services.account_delete(user=user)
        response = render(request, "accounts/deleted.html")
        response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response
    return render(request, "accounts/delete.html", {"form": form})
