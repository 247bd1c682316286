from __future__ import annotations

from django.urls import path

from nearer.entries import views

app_name = "entries"

urlpatterns = [
    path("", views.export_shared, name="export"),
]
