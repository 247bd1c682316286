from __future__ import annotations

from django.urls import path

from nearer.coach import views

app_name = "coach"

urlpatterns = [
    path("check/", views.check, name="check"),
    path("practice/", views.practice_list, name="practice_list"),
    path("practice/<slug:slug>/", views.practice, name="practice"),
]
