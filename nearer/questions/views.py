from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nearer.accounts.requests import person
from nearer.couples.pairing import Pairing, pairing_for, request_pairing
from nearer.entries.edits import StaleEdit
from nearer.entries.pace import TooFast
from nearer.keptpages.pages import per_person
from nearer.lib.http import HtmxHttpRequest
from nearer.questions import services
from nearer.questions.access import days_open_to, get_daily_for_user
from nearer.questions.forms import AnswerForm, ReplyForm, SearchForm
from nearer.questions.models import Answer, DailyQuestion, Reply
from nearer.questions.panels import daily_panel

HISTORY_PAGE_SIZE = 20


def _daily_door(request: HtmxHttpRequest, code: UUID) -> tuple[DailyQuestion, Pairing | None]:
    pairing = request_pairing(request)
    return get_daily_for_user(person(request), pairing, code), pairing


def _render_panel(
    request: HtmxHttpRequest,
    daily: DailyQuestion,
    pairing: Pairing | None,
    status: int = 200,
    answer_form: AnswerForm | None = None,
    reply_form: ReplyForm | None = None,
) -> HttpResponse:
    panel = daily_panel(daily, person(request), pairing, answer_form, reply_form)
    template = "questions/daily.html#panel" if request.htmx else "questions/daily.html"
    # A fragment swapped into Today keeps Today's controls (swap, back to Today).
    context = {"panel": panel, "on_today": request.POST.get("back") == "today"}
    return render(request, template, context, status=status)


@login_required
@require_GET
def daily_detail(request: HtmxHttpRequest, code: UUID) -> HttpResponse:
    daily, pairing = _daily_door(request, code)
    if daily.revealed_at is not None:
        services.read_mark(daily=daily, user=person(request))
    return _render_panel(request, daily, pairing)


def _fresh(request: HtmxHttpRequest) -> Pairing | None:
    """The pairing as it is now, for the page after a write: the partner may have
    unpaired meanwhile, and the page shows only what the person may see now."""
    return pairing_for(person(request))


def _after_post(request: HtmxHttpRequest, daily: DailyQuestion) -> HttpResponse:
    if request.htmx:
        return _render_panel(request, daily, _fresh(request))
    if request.POST.get("back") == "today":
        return redirect("home")
    return redirect("questions:daily", daily.code)


@login_required
@require_POST
def answer(request: HtmxHttpRequest, code: UUID) -> HttpResponse:
    daily, pairing = _daily_door(request, code)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _render_panel(request, daily, pairing, 422, answer_form=form)
    try:
        _answer, revealed = services.answer_save(
            daily=daily,
            user=person(request),
            text=form.cleaned_data["text"],
            based_on=form.cleaned_data["version"],
        )
    except StaleEdit as exc:
        # Changed meanwhile in another tab: both texts on screen, nothing typed lost.
        stale = form.rebased(exc)
        return _render_panel(request, daily, _fresh(request), 409, answer_form=stale)
    except services.QuestionError as exc:
        form.add_error(None, str(exc))
        return _render_panel(request, daily, _fresh(request), 409, answer_form=form)
    daily.refresh_from_db()
    if revealed:
        services.read_mark(daily=daily, user=person(request))
    if not request.htmx:  # the swapped-in panel says so itself
        messages.success(request, _("Saved. It's yours to keep."))
    return _after_post(request, daily)


@login_required
@require_POST
def reply(request: HtmxHttpRequest, code: UUID) -> HttpResponse:
    daily, pairing = _daily_door(request, code)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _render_panel(request, daily, pairing, 422, reply_form=form)
    try:
        services.reply_create(
            daily=daily,
            user=person(request),
            text=form.cleaned_data["text"],
            submit_token=form.cleaned_data["submit_token"],
        )
    except TooFast as exc:
        form.add_error(None, str(exc))
        return _render_panel(request, daily, _fresh(request), 429, reply_form=form)
    except services.QuestionError as exc:
        form.add_error(None, str(exc))
        return _render_panel(request, daily, _fresh(request), 409, reply_form=form)
    services.read_mark(daily=daily, user=person(request))
    return _after_post(request, daily)


@login_required
@require_POST
def swap(request: HtmxHttpRequest, code: UUID) -> HttpResponse:
    daily, _pairing = _daily_door(request, code)
    try:
        services.daily_swap(daily=daily, user=person(request))
    except services.QuestionError as exc:
        messages.error(request, str(exc))
    return redirect("home")


@login_required
@require_http_methods(["GET", "POST"])
@per_person("history", unless=("q",))
def history(request: HtmxHttpRequest) -> HttpResponse:
    """Every past question, newest first; a fixed number of queries whatever its length.

    A search is POSTed, and its pages too, so its words are never in a URL (nor in an
    access log, nor the browser's history); per_person never keeps a POST's answer.
    A `?q=` from an older link still searches."""
    user, pairing = person(request), request_pairing(request)
    couple = pairing.couple if pairing else None
    data = request.POST if request.method == "POST" else request.GET
    form = SearchForm(data)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    answers = Answer.objects.visible_to(user, couple)
    replies = Reply.objects.visible_to(user, couple)
    days = DailyQuestion.objects.filter(days_open_to(user, pairing))
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
    page = Paginator(days, HISTORY_PAGE_SIZE).get_page(data.get("page"))
    context = {"page": page, "form": form, "query": query, "posted": request.method == "POST"}
    return render(request, "questions/history.html", context)
