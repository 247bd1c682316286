from __future__ import annotations

from django.urls import path

from nearer.couples import views

app_name = "couples"

urlpatterns = [
    path("", views.pair, name="pair"),
    path("invite/", views.invite, name="invite"),
    path("join/", views.join_by_code, name="join_by_code"),
    path("join/<str:token>/", views.join_by_link, name="join_by_link"),
    path("focus/", views.focus, name="focus"),
    path("unpair/", views.unpair, name="unpair"),
]
