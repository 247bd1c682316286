"""The URL tree: the core's pages, then every installed ritual's (nearer.lib.rituals)."""

from __future__ import annotations

from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path

from nearer.lib import rituals
from nearer.today import views as today

urlpatterns: list[URLPattern | URLResolver] = [
    path("", today.home, name="home"),
    path("exit/", today.quick_exit, name="quick_exit"),
    path("", include("nearer.accounts.urls")),
    path("pair/export/", include("nearer.entries.urls")),
    path("pair/", include("nearer.couples.urls")),
    path("practices/", include("nearer.practices.urls")),
]
urlpatterns += [
    path(ritual.url_prefix, include(f"nearer.{ritual.label}.urls"))
    for ritual in rituals.installed()
    if ritual.url_prefix is not None
]

if settings.BENCHMARK_MODE:  # the bench/ harness's baseline; never routed otherwise
    from nearer.lib import bench_views

    urlpatterns.append(path("bench/bare/", bench_views.bare, name="bench_bare"))

handler400 = "nearer.lib.errors.bad_request"
handler404 = "nearer.lib.errors.not_found"
handler500 = "nearer.lib.errors.server_error"
