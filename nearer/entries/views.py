from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from nearer.accounts.requests import person
from nearer.accounts.security import recent_auth_required
from nearer.couples.pairing import request_pairing
from nearer.entries.export import shared_history


@login_required
@recent_auth_required
def export_shared(request: HttpRequest) -> HttpResponse:
    """The couple's shared history as one person may see it, to keep before unpairing."""
    pairing = request_pairing(request)
    if pairing is None:
        raise Http404
    data = shared_history(person(request), pairing.couple)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="nearer-shared-{stamp}.json"'
    return response
