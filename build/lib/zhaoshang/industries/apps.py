from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndustriesConfig(AppConfig):
    name = "zhaoshang.industries"
    verbose_name = _("行业与产业方向")

    def ready(self) -> None:
        from zhaoshang.accounts.scoping import register

        register("industries.IndustryDirection", "region")
