from __future__ import annotations

from django.apps import AppConfig
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "zhaoshang.projects"
    verbose_name = _("项目台账")

    def ready(self) -> None:
        from zhaoshang.accounts import matrix
        from zhaoshang.accounts.scoping import extend, register
        from zhaoshang.projects.models import Project
        from zhaoshang.projects.services import masked_fields
        from zhaoshang.records import history, trash
        from zhaoshang.records.imports import kinds

        register("projects.Project", "region")
        matrix.register_probe("project", Project)  # the permission matrix probes its rules
        register("projects.StageEvent", "project__region")
        register("projects.FundsInPlace", "project__region")

        def investors(reach):
            # Not through a confidential project: that would tell who negotiates with the district.
            links = Project.investors.through.objects.filter(
                reach.q("project__region"), project__is_confidential=False
            )
            return Q(pk__in=links.values("enterprise_id"))

        extend("enterprises.Enterprise", investors)  # the investors in its projects

        history.register(
            history.Audited(
                "project",
                "projects.Project",
                ("region",),
                title=lambda p: p.title,  # a masked confidential project by its code name
                formats={
                    "contract_investment": history.yuan,
                    "fixed_asset_investment": history.yuan,
                    "foreign_capital_usd": history.usd,
                },
                masked=masked_fields,
            )
        )
        trash.register(
            trash.Kind(
                "project", _("项目"), "projects.Project", ("region",), lambda p: reverse("projects:list")
            )
        )
        kinds.register("projects", "zhaoshang.projects.imports.ProjectImporter", aliases=("项目", "台账"))
