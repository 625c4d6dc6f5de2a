"""Enterprise deduplication, under /imports/ (added by enterprises/apps.py: imports.register_urls)."""

from __future__ import annotations

from django.urls import path

from zhaoshang.enterprises import views

urlpatterns = [
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/merge/", views.merge, name="merge"),
]
