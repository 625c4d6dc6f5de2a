from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "zhaoshang.regions"
    verbose_name = _("行政区划与载体")

    def ready(self) -> None:
        from zhaoshang.accounts.scoping import register

        register("regions.Region", "")
        register("regions.Park", "region")
