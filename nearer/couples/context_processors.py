from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from nearer.couples.pairing import request_pairing


def couple(request: HttpRequest) -> dict[str, Any]:
    # Lazy: pages that never mention the pairing pay no query for it.
    return {"pairing": SimpleLazyObject(lambda: request_pairing(request))}
