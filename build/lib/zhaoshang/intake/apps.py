from __future__ import annotations

from django.apps import AppConfig
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "zhaoshang.intake"
    verbose_name = _("文档与核查")

    def ready(self) -> None:
        from zhaoshang.accounts.scoping import register
        from zhaoshang.records import history

        # A document about a district is that district's; one without a region (a national release)
        # belongs to the district of the user who brought it in, and to nobody else (a document taken in
        # without a user and without a region is a superuser's).
        def documents(reach, path: str = ""):
            return reach.q(f"{path}region") | (
                Q(**{f"{path}region__isnull": True}) & reach.q(f"{path}uploaded_by__region")
            )

        register("intake.Document", documents)
        register("intake.Fact", lambda reach: documents(reach, "document__"))

        def fact_back(fact) -> str:
            return f"{fact.document.get_absolute_url()}#fact-{fact.key}"

        history.register(
            history.Audited(
                "fact",
                "intake.Fact",
                ("document",),
                title=lambda f: f"{f.document} · {f.key} {f}",
                back=fact_back,
            )
        )
