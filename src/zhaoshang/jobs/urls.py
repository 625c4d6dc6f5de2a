"""/jobs/: the background jobs within reach."""

from __future__ import annotations

from django.urls import path

from zhaoshang.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("export.xlsx", views.job_export, name="export"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/retry/", views.job_retry, name="retry"),
]
