"""/history/<slug>/<pk>/: the 修改记录 page of each audited model (records/history.py REGISTRY)."""

from __future__ import annotations

from django.urls import path

from zhaoshang.records.history import REGISTRY
from zhaoshang.records.history_views import history_page

app_name = "history"
# Spelled out per model, so an unknown slug is a 404 of the URL conf and the permission matrix requests
# each model's page with an object of each district.
urlpatterns = [path(f"{slug}/<int:pk>/", history_page, {"slug": slug}, name=slug) for slug in REGISTRY]
