from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "zhaoshang.enterprises"
    verbose_name = _("企业")

    def ready(self) -> None:
        from zhaoshang.accounts.scoping import register
        from zhaoshang.records import history
        from zhaoshang.records.imports import kinds

        # Registered within reach; the apps that deal with enterprises (projects, chains, leads) extend
        # this with the firms a district deals with.
        register("enterprises.Enterprise", "region")
        history.register(
            history.Audited(
                "enterprise",
                "enterprises.Enterprise",
                back=lambda e: None,  # no page of its own
                formats={"registered_capital": history.yuan},
            )
        )
        kinds.register("enterprises", "zhaoshang.enterprises.imports.EnterpriseImporter", aliases=("企业",))
        kinds.register_urls("zhaoshang.enterprises.import_urls")  # deduplication and merging
