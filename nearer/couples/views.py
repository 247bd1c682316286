from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nearer.accounts.invitation import invitation_forget, invitation_remember
from nearer.accounts.models import User
from nearer.accounts.requests import person
from nearer.accounts.security import recent_auth_required
from nearer.couples import services
from nearer.couples.forms import FocusForm, JoinByCodeForm, UnpairForm
from nearer.couples.models import Invite
from nearer.couples.pairing import request_pairing
from nearer.limits import counters
from nearer.practices.models import Practice

INVITES_PER_DAY = 20
CODE_TRIES, CODE_WINDOW = 10, 60 * 60
LINK_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _live_invite(user: User) -> Invite | None:
    invite = Invite.objects.filter(inviter=user).order_by("-created_at").first()
    return invite if invite is not None and invite.is_live else None


@login_required
def pair(request: HttpRequest) -> HttpResponse:
    pairing = request_pairing(request)
    if pairing is not None:
        form = FocusForm(choices=_practice_choices(), initial={"practices": pairing.couple.focus})
        return render(request, "couples/paired.html", {"pairing": pairing, "focus_form": form})
    context = {"invite": _live_invite(person(request)), "form": JoinByCodeForm()}
    return render(request, "couples/pair.html", context)


@login_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    user = person(request)
    if not counters.hit("invite", str(user.pk), limit=INVITES_PER_DAY, window=24 * 3600):
        messages.error(request, _("That's a lot of new codes for one day. Try again tomorrow."))
        return redirect("couples:pair")
    try:
        services.invite_create(inviter=user)
    except services.PairingError as exc:
        messages.error(request, str(exc))
    return redirect("couples:pair")


def _join(request: HttpRequest, found: Invite | None) -> HttpResponse:
    user = person(request)
    if found is None:
        messages.error(
            request,
            _("That code doesn't work. It may have expired or been used. Ask for a fresh one."),
        )
        return redirect("couples:pair")
    try:
        services.couple_create(invite=found, invitee=user)
    except services.PairingError as exc:
        messages.error(request, str(exc))
        return redirect("couples:pair")
    messages.success(request, _("You're paired with %(name)s.") % {"name": found.inviter})
    return redirect("home")


def _count_try(request: HttpRequest) -> bool:
    """Count this try with a code or link; False once there have been too many this hour.
    Only a POST may call it: another site can make a signed-in browser GET any link."""
    user = person(request)
    return counters.hit("pair-code", str(user.pk), limit=CODE_TRIES, window=CODE_WINDOW)


def _refuse_tries(request: HttpRequest) -> HttpResponse:
    messages.error(request, _("Too many tries with codes. Please wait an hour."))
    return redirect("couples:pair")


@login_required
@require_POST
def join_by_code(request: HttpRequest) -> HttpResponse:
    form = JoinByCodeForm(request.POST)
    # A malformed code can match no invite, so it needn't count as a try.
    if not form.is_valid():
        context = {"invite": _live_invite(person(request)), "form": form}
        return render(request, "couples/pair.html", context, status=400)
    if not _count_try(request):
        return _refuse_tries(request)
    return _join(request, services.invite_find(short_code=form.cleaned_data["code"]))


def _find_by_link(token: str) -> Invite | None:
    # Links are URL-safe base64; anything else (a NUL byte breaks PostgreSQL) is no invite.
    if LINK_TOKEN_RE.fullmatch(token) is None:
        return None
    return services.invite_find(link_token=token)


@require_http_methods(["GET", "POST"])
def join_by_link(request: HttpRequest, token: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return _welcome_invited(request, token)
    if request.method == "POST":
        if not _count_try(request):
            return _refuse_tries(request)
        return _join(request, _find_by_link(token))
    # Opening a link only shows it: it counts no try and changes nothing but the
    # visitor's own session. Guessing links this way is hopeless (24 random bytes each);
    # guessing codes is limited above.
    noted = invitation_forget(request)
    found = _find_by_link(token)
    if found is None:
        if noted is not None and noted.path == request.path:
            # They signed up for this invite; it ran out on the way.
            messages.info(
                request,
                _(
                    "Your invite from %(name)s has expired or been used. Ask them for "
                    "a fresh link, or make an invite of your own below."
                )
                % {"name": noted.inviter},
            )
            return redirect("couples:pair")
        return _join(request, None)
    return render(request, "couples/join.html", {"invite": found, "token": token})


def _welcome_invited(request: HttpRequest, token: str) -> HttpResponse:
    """Send a signed-out visitor to sign in, as login_required would, first noting in
    their own session who invited them, so sign-up and sign-in can say so and bring
    them back here to accept. Nothing else changes and nothing is counted."""
    found = _find_by_link(token) if request.method == "GET" else None
    if found is not None:
        invitation_remember(
            request,
            inviter=found.inviter.display_name,
            path=request.path,
            until=found.expires_at,
        )
    return redirect_to_login(request.get_full_path())


@login_required
@recent_auth_required
@require_http_methods(["GET", "POST"])
def unpair(request: HttpRequest) -> HttpResponse:
    pairing = request_pairing(request)
    if pairing is None:
        raise Http404
    form = UnpairForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.couple_end(couple=pairing.couple)
        messages.success(
            request, _("You're no longer paired. Everything you wrote is still yours.")
        )
        return redirect("home")
    return render(request, "couples/unpair.html", {"pairing": pairing, "form": form})


def _practice_choices() -> list[tuple[str, str]]:
    return [(p.slug, p.name) for p in Practice.objects.filter(retired=False)]


@login_required
@require_POST
def focus(request: HttpRequest) -> HttpResponse:
    pairing = request_pairing(request)
    if pairing is None:
        raise Http404
    form = FocusForm(request.POST, choices=_practice_choices())
    if not form.is_valid():
        context = {"pairing": pairing, "focus_form": form}
        return render(request, "couples/paired.html", context, status=400)
    couple = pairing.couple
    couple.focus = form.cleaned_data["practices"]
    couple.save(update_fields=["focus"])
    messages.success(request, _("Saved. Your focus starts tomorrow."))
    return redirect("couples:pair")
