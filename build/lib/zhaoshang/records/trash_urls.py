"""/trash/: the recycle bin (回收站) and restoring from it. Deleting is routed by each app to core.trash_views."""

from __future__ import annotations

from django.urls import path

from zhaoshang.records import trash_views as views

app_name = "trash"
urlpatterns = [
    path("", views.trash, name="index"),
    path("<slug:kind>/<int:pk>/restore/", views.restore, name="restore"),
]
