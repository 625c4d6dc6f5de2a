"""/imports/: one page per kind of import (and its template and export), and the pages apps add."""

from __future__ import annotations

from django.urls import include, path

from zhaoshang.records import import_views as views
from zhaoshang.records.imports.kinds import KINDS, URLS

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path(
        "jobs/<int:pk>/confirm/", views.confirm_job, name="job_confirm"
    ),  # a large file's dry run, confirmed
    *(path("", include(module)) for module in URLS),  # e.g. the enterprises' deduplication pages
]
# Spelled out per kind (no URL parameter): every route is a plain page the permission matrix requests.
for _kind in KINDS:
    urlpatterns += [
        path(f"{_kind}/", views.import_page, {"kind": _kind}, name=_kind),
        path(f"{_kind}/template.xlsx", views.template, {"kind": _kind}, name=f"{_kind}_template"),
        path(f"{_kind}/export.xlsx", views.export, {"kind": _kind}, name=f"{_kind}_export"),
    ]
