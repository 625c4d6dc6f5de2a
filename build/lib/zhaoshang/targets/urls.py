from django.urls import path

from zhaoshang.records import trash_views
from zhaoshang.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.cockpit_view, name="cockpit"),
    path("export.xlsx", views.cockpit_export, name="cockpit_export"),
    path("monthly.xlsx", views.monthly_export, name="monthly_export"),
    path("rollup/", views.rollup_view, name="rollup"),
    path("rollup/export.xlsx", views.rollup_export, name="rollup_export"),
    path("targets/", views.target_list, name="list"),
    path("targets/new/", views.target_edit, name="create"),
    path("targets/<int:pk>/", views.target_edit, name="edit"),
    path("targets/<int:pk>/delete/", trash_views.delete, {"kind": "target"}, name="delete"),
    path("targets/import/", views.target_import, name="import"),
    path("reports/", views.report_list, name="reports"),
    path("reports/new/", views.report_create, name="report_create"),
]
