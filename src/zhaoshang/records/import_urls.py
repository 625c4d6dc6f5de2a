"""/imports/: one page per kind of import (and its template and export), enterprise deduplication."""

from __future__ import annotations

from django.urls import path

from zhaoshang.enterprises import views as enterprise_views
from zhaoshang.records import import_views as views
from zhaoshang.records.imports.kinds import KINDS

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("duplicates/", enterprise_views.duplicates, name="duplicates"),
    path("duplicates/merge/", enterprise_views.merge, name="merge"),
]
# Spelled out per kind (no URL parameter): every route is a plain page the permission matrix requests.
for _kind in KINDS:
    urlpatterns += [
        path(f"{_kind}/", views.import_page, {"kind": _kind}, name=_kind),
        path(f"{_kind}/template.xlsx", views.template, {"kind": _kind}, name=f"{_kind}_template"),
        path(f"{_kind}/export.xlsx", views.export, {"kind": _kind}, name=f"{_kind}_export"),
    ]
