"""Benchmark mode only: the baseline every page's throughput is compared with.

`bench/run.py` measures Django itself through this view: the whole middleware stack,
no template, no database, a small fixed body. nearer/urls.py routes to it only when
settings.BENCHMARK_MODE is on (NEARER_BENCHMARK=1).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

BODY = b"bare\n"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BODY, content_type="text/plain; charset=utf-8")
