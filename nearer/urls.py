from __future__ import annotations

from django.conf import settings
from django.urls import include, path

from nearer.today import views as today

urlpatterns = [
    path("", today.home, name="home"),
    path("exit/", today.quick_exit, name="quick_exit"),
    path("", include("nearer.accounts.urls")),
    path("pair/", include("nearer.couples.urls")),
    path("practices/", include("nearer.practices.urls")),
    path("questions/", include("nearer.questions.urls")),
    path("listening/", include("nearer.coach.urls")),
]

if settings.BENCHMARK_MODE:  # the bench/ harness's baseline; never routed otherwise
    from nearer.lib import bench_views

    urlpatterns.append(path("bench/bare/", bench_views.bare, name="bench_bare"))

handler404 = "nearer.lib.errors.not_found"
handler500 = "nearer.lib.errors.server_error"
