from __future__ import annotations

from django.urls import path

from nearer.questions import views

app_name = "questions"

urlpatterns = [
    path("", views.history, name="history"),
    path("<uuid:code>/", views.daily_detail, name="daily"),
    path("<uuid:code>/answer/", views.answer, name="answer"),
    path("<uuid:code>/reply/", views.reply, name="reply"),
    path("<uuid:code>/swap/", views.swap, name="swap"),
]
