from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "zhaoshang.targets"
    verbose_name = _("目标考核")

    def ready(self) -> None:
        from zhaoshang.accounts.scoping import register
        from zhaoshang.projects import drilldown
        from zhaoshang.records import history, locks, trash
        from zhaoshang.records.imports import kinds
        from zhaoshang.targets import history as target_history
        from zhaoshang.targets import locking
        from zhaoshang.targets.registry import METRICS, projects_behind

        register("targets.Target", "region")
        register("targets.PeriodReport", "region")
        history.register(
            history.Audited(
                "target",
                "targets.Target",
                ("region",),
                title=target_history.target_title,
                back=target_history.target_back,
                formats={"metric": target_history.metric_label, "value": target_history.target_value},
            )
        )
        trash.register(
            trash.Kind("target", _("目标"), "targets.Target", ("region",), target_history.list_of_year)
        )
        # The ledger's ?metric= drill-down lists the projects behind each of the registry's figures.
        drilldown.register(
            drilldown.Figures(labels=lambda: {k: m.label for k, m in METRICS.items()}, rows=projects_behind)
        )
        kinds.register("targets", "zhaoshang.targets.imports.TargetImporter", aliases=("目标",))

        # Reported periods lock the ledger: its services, import and admin and the recycle bin ask here.
        locks.register("projects.Project", locking)
