"""/messages/: the inbox, subscriptions, group robots and the outbox."""

from __future__ import annotations

from django.urls import path

from zhaoshang.notify import views

app_name = "notify"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.message, name="message"),
    path("read/", views.mark_read, name="mark_read"),
    path("subscriptions/", views.subscriptions, name="subscriptions"),
    path("robots/", views.robot_list, name="robots"),
    path("robots/new/", views.robot_create, name="robot_create"),
    path("robots/<int:pk>/", views.robot_edit, name="robot_edit"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", views.outbox_retry, name="outbox_retry"),
]
