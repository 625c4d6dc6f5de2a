from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "zhaoshang.jobs"
    verbose_name = _("后台任务")

    def ready(self) -> None:
        from zhaoshang.accounts.scoping import register

        register("jobs.Job", "region")  # a job belongs to the district (or city) of the user who queued it
