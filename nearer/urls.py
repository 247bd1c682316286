from __future__ import annotations

from django.urls import include, path

from nearer.today import views as today

urlpatterns = [
    path("", today.home, name="home"),
    path("exit/", today.quick_exit, name="quick_exit"),
    path("", include("nearer.accounts.urls")),
    path("pair/", include("nearer.couples.urls")),
    path("practices/", include("nearer.practices.urls")),
    path("questions/", include("nearer.questions.urls")),
]

handler404 = "nearer.lib.errors.not_found"
handler500 = "nearer.lib.errors.server_error"
