from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from nearer.accounts.models import User
from nearer.accounts.requests import person
from nearer.coach.feedback import Feedback, feedback_for
from nearer.coach.forms import CheckForm, PracticeForm
from nearer.coach.models import PracticeAttempt, PracticeStatement
from nearer.coach.replying import reply_target
from nearer.lib.http import HtmxHttpRequest


@login_required
@require_POST
def check(request: HtmxHttpRequest) -> HttpResponse:
    """ "How might this land?" for a draft reply. Scores it and forgets it: nothing is
    stored, and nothing of it ever reaches the partner."""
    form = CheckForm(request.POST)
    if not form.is_valid() and form.has_error("about"):
        raise Http404  # only a tampered form lacks `about`
    about = form.cleaned_data["about"]
    target = reply_target(request, about)
    too_long = form.has_error("text")
    # Too long: the draft goes back as typed, unread, with the reason.
    draft = form.data.get("text", "") if too_long else form.cleaned_data["text"]
    feedback = feedback_for(target.message, draft) if draft.strip() and not too_long else None
    data = {"feedback": feedback, "draft": draft, "reply": target, "kind": about.partition(":")[0]}
    data["error"] = form.errors["text"][0] if too_long else None
    template = "coach/_feedback.html" if request.htmx else "coach/check.html"
    return render(request, template, data, status=422 if too_long else 200)


def _progress(user: User) -> dict[str, int]:
    totals = PracticeAttempt.objects.filter(user=user).aggregate(
        tries=Count("id"),
        reflected=Count("id", filter=Q(reflected=True)),
        statements=Count("statement", distinct=True),
    )
    return {key: int(value or 0) for key, value in totals.items()}


@login_required
def practice_list(request: HtmxHttpRequest) -> HttpResponse:
    statements = PracticeStatement.objects.filter(retired=False)
    tried = set(
        PracticeAttempt.objects.filter(user=person(request)).values_list("statement_id", flat=True)
    )
    context = {"statements": statements, "tried": tried, "progress": _progress(person(request))}
    return render(request, "coach/practice_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def practice(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    statement = get_object_or_404(PracticeStatement, slug=slug, retired=False)
    form = PracticeForm(request.POST or None)
    feedback: Feedback | None = None
    if request.method == "POST" and form.is_valid():
        feedback = feedback_for(statement.text, form.cleaned_data["text"])
        if feedback.english:
            PracticeAttempt.objects.create(
                user=person(request),
                statement=statement,
                reflected=feedback.reflected,
                slipped=feedback.slipped,
            )
    following = (
        PracticeStatement.objects.filter(retired=False, position__gt=statement.position)
        .order_by("position")
        .first()
    )
    context = {"statement": statement, "form": form, "feedback": feedback, "next": following}
    if request.method == "POST" and feedback is None:
        # Empty or too long: the form again, saying why, with the text as typed. From
        # htmx, just the form, in place of the one sent (not in the result's slot).
        if not request.htmx:
            return render(request, "coach/practice.html", context, status=422)
        response = render(request, "coach/practice.html#practice-form", context, status=422)
        return reswap(retarget(response, "#practice-form"), "outerHTML")
    template = "coach/_practice_result.html" if request.htmx and feedback else "coach/practice.html"
    return render(request, template, context)
