from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class PrivateCacheMiddleware:
    """Signed-in pages never land in a shared or browser cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True, max_age=0)
        return response


class QueryCountMiddleware:
    """Benchmark mode only: report the number of SQL queries in a response header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        executed = 0

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            nonlocal executed
            executed += 1
            return execute(sql, params, many, context)

        # A wrapper, not CaptureQueriesContext: that one opens a connection even for
        # pages that run no query, which would slow the very baseline it measures.
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        response["X-Query-Count"] = str(executed)
        return response
