from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from zhaoshang.accounts.views import LoginView
from zhaoshang.api.api import api
from zhaoshang.api.api import not_found as api_not_found
from zhaoshang.core.health import healthz

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="projects:list", permanent=False), name="home"),
    path("healthz", healthz, name="healthz"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("projects/", include("zhaoshang.projects.urls")),
    path("cockpit/", include("zhaoshang.targets.urls")),
    path("chains/", include("zhaoshang.chains.urls")),
    path("plans/", include("zhaoshang.plans.urls")),
    path("leads/", include("zhaoshang.leads.urls")),
    path("targeting/", include("zhaoshang.targeting.urls")),
    path("intake/", include("zhaoshang.intake.urls")),
    path("reports/", include("zhaoshang.reports.urls")),
    path("accounts/", include("zhaoshang.accounts.urls")),
    path("imports/", include("zhaoshang.records.import_urls")),
    path("jobs/", include("zhaoshang.jobs.urls")),
    path("messages/", include("zhaoshang.notify.urls")),
    path("history/", include("zhaoshang.records.history_urls")),
    path("trash/", include("zhaoshang.records.trash_urls")),
    path("units/", include("zhaoshang.units.urls")),
    path("api/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("admin/", admin.site.urls),
]

handler400 = "zhaoshang.errors.bad_request"
handler500 = "zhaoshang.errors.server_error"
