from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from nearer.lib import rituals
from nearer.practices.models import Practice


# Signed-in only: an anonymous visitor sees nothing but sign-up and sign-in (PRODUCT.md).
@login_required
def practice_list(request: HttpRequest) -> HttpResponse:
    practices = Practice.objects.filter(retired=False)
    return render(request, "practices/list.html", {"practices": practices})


@login_required
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug, retired=False)
    # Only what the installed rituals really offer, so the words grow with the product.
    notes = rituals.practice_notes(slug)
    return render(request, "practices/detail.html", {"practice": practice, "notes": notes})
