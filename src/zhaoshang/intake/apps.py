from __future__ import annotations

from django.apps import AppConfig
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "zhaoshang.intake"
    verbose_name = _("文档与核查")

    def ready(self) -> None:
        from zhaoshang.accounts.scoping import register

        # A document about a district is that district's; one without a region (a national release)
        # is public text and visible to every user with a reach.
        register("intake.Document", lambda reach: reach.q("region") | Q(region__isnull=True))
        register("intake.Fact", lambda reach: reach.q("document__region") | Q(document__region__isnull=True))
