from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nearer.accounts.models import User
from nearer.couples.models import Membership
from nearer.couples.pairing import Pairing, request_pairing
from nearer.lib.http import HtmxHttpRequest
from nearer.questions import services
from nearer.questions.forms import AnswerForm, ReplyForm, SearchForm
from nearer.questions.models import Answer, DailyQuestion, Reply
from nearer.questions.panels import daily_panel
from nearer.today import page_cache

HISTORY_PAGE_SIZE = 20


def _user(request: HtmxHttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _days_of(user: User, pairing: Pairing | None) -> Q:
    """Days a person may open: their own solo days, their current couple's days, and
    days of an earlier couple that they answered (where only their own answer shows).

    Earlier couples are looked up first (usually none), so the common case is two
    indexed conditions rather than a scan of every day of every couple."""
    scope = Q(solo_user=user)
    if pairing is not None:
        scope |= Q(couple=pairing.couple)
    earlier = list(
        Membership.objects.filter(user=user, active=False).values_list("couple_id", flat=True)
    )
    if earlier:
        answered = Answer.objects.filter(author=user, couple_id__in=earlier)
        scope |= Q(pk__in=answered.values("daily_id"))
    return scope


def _get_daily_for_user(
    request: HtmxHttpRequest, code: UUID
) -> tuple[DailyQuestion, Pairing | None]:
    """The only door to a day's question; everyone else gets 404.

    The same rule as `_days_of`, checked on the one row: the person's own solo day or
    their current couple's day, and otherwise a day of an earlier couple of theirs that
    they answered (looked up only then, which is rare)."""
    user, pairing = _user(request), request_pairing(request)
    daily = DailyQuestion.objects.filter(code=code).select_related("question").first()
    if daily is None:
        raise Http404
    if daily.solo_user_id is not None:
        allowed = daily.solo_user_id == user.pk
    elif pairing is not None and daily.couple_id == pairing.couple.pk:
        allowed = True
    elif daily.couple_id is not None:
        allowed = (
            Membership.objects.filter(user=user, couple_id=daily.couple_id, active=False).exists()
            and Answer.objects.filter(author=user, daily=daily).exists()
        )
    else:
        allowed = False
    if not allowed:
        raise Http404
    return daily, pairing


def _render_panel(
    request: HtmxHttpRequest,
    daily: DailyQuestion,
    pairing: Pairing | None,
    status: int = 200,
    answer_form: AnswerForm | None = None,
    reply_form: ReplyForm | None = None,
) -> HttpResponse:
    panel = daily_panel(daily, _user(request), pairing, answer_form, reply_form)
    template = "questions/daily.html#panel" if request.htmx else "questions/daily.html"
    # A fragment swapped into Today keeps Today's controls (swap, back to Today).
    context = {"panel": panel, "on_today": request.POST.get("back") == "today"}
    return render(request, template, context, status=status)


@login_required
@require_GET
def daily_detail(request: HtmxHttpRequest, code: UUID) -> HttpResponse:
    daily, pairing = _get_daily_for_user(request, code)
    if daily.revealed_at is not None:
        services.read_mark(daily=daily, user=_user(request), pairing=pairing)
    return _render_panel(request, daily, pairing)


def _after_post(
    request: HtmxHttpRequest, daily: DailyQuestion, pairing: Pairing | None
) -> HttpResponse:
    if request.htmx:
        return _render_panel(request, daily, pairing)
    if request.POST.get("back") == "today":
        return redirect("home")
    return redirect("questions:daily", daily.code)


@login_required
@require_POST
def answer(request: HtmxHttpRequest, code: UUID) -> HttpResponse:
    daily, pairing = _get_daily_for_user(request, code)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _render_panel(request, daily, pairing, 422, answer_form=form)
    try:
        _answer, revealed = services.answer_save(
            daily=daily, user=_user(request), pairing=pairing, text=form.cleaned_data["text"]
        )
    except services.QuestionError as exc:
        form.add_error(None, str(exc))
        return _render_panel(request, daily, pairing, 409, answer_form=form)
    daily.refresh_from_db()
    if revealed:
        services.read_mark(daily=daily, user=_user(request), pairing=pairing)
    if not request.htmx:  # the swapped-in panel says so itself
        messages.success(request, _("Saved. It's yours to keep."))
    return _after_post(request, daily, pairing)


@login_required
@require_POST
def reply(request: HtmxHttpRequest, code: UUID) -> HttpResponse:
    daily, pairing = _get_daily_for_user(request, code)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _render_panel(request, daily, pairing, 422, reply_form=form)
    try:
        services.reply_create(
            daily=daily, user=_user(request), pairing=pairing, text=form.cleaned_data["text"]
        )
    except services.QuestionError as exc:
        form.add_error(None, str(exc))
        return _render_panel(request, daily, pairing, 409, reply_form=form)
    services.read_mark(daily=daily, user=_user(request), pairing=pairing)
    return _after_post(request, daily, pairing)


@login_required
@require_POST
def swap(request: HtmxHttpRequest, code: UUID) -> HttpResponse:
    daily, pairing = _get_daily_for_user(request, code)
    try:
        services.daily_swap(daily=daily, user=_user(request), pairing=pairing)
    except services.QuestionError as exc:
        messages.error(request, str(exc))
    return redirect("home")


@login_required
@require_GET
@page_cache.per_person("history", unless=("q",))
def history(request: HtmxHttpRequest) -> HttpResponse:
    """Every past question, newest first; a fixed number of queries whatever its length."""
    user, pairing = _user(request), request_pairing(request)
    couple = pairing.couple if pairing else None
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    answers = Answer.objects.visible_to(user, couple)
    replies = Reply.objects.visible_to(user, couple)
    days = DailyQuestion.objects.filter(_days_of(user, pairing))
    if query:
        found = Q(pk__in=answers.filter(text__icontains=query).values("daily_id")) | Q(
            pk__in=replies.filter(text__icontains=query).values("daily_id")
        )
        days = days.filter(found)
    days = (
        days.select_related("question")
        .prefetch_related(  # type: ignore[type-var]
            Prefetch("answers", answers.select_related("author").order_by("created_at"), "shown"),
            Prefetch("replies", replies.select_related("author").order_by("created_at"), "thread"),
        )
        .order_by("-day", "-id")
    )
    page = Paginator(days, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "questions/history.html", {"page": page, "form": form, "query": query})


def partner_answer_for(request: HtmxHttpRequest, code: UUID) -> tuple[DailyQuestion, Answer | None]:
    """A day and the partner's answer to it, if this person may see it (for the coach)."""
    daily, pairing = _get_daily_for_user(request, code)
    couple = pairing.couple if pairing else None
    theirs = (
        Answer.objects.visible_to(_user(request), couple)
        .filter(daily=daily)
        .exclude(author=_user(request))
        .first()
    )
    return daily, theirs
