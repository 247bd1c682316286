from __future__ import annotations

from django.urls import path

from nearer.practices import views

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("<slug:slug>/", views.practice_detail, name="detail"),
]
