from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "zhaoshang.plans"
    verbose_name = _("节点计划")

    def ready(self) -> None:
        from zhaoshang.accounts.scoping import register
        from zhaoshang.plans.services import on_stages_reached
        from zhaoshang.projects import progress
        from zhaoshang.records import history

        register("plans.NodeTemplate", lambda reach: _template_scope(reach))
        register("plans.TemplateNode", lambda reach: _template_scope(reach, "template__"))
        register("plans.Plan", "project__region")
        register("plans.ProjectNode", "project__region")
        progress.register(on_stages_reached)  # stage changes of the ledger complete matching nodes
        history.register(
            history.Audited("project-node", "plans.ProjectNode", ("project",), title=lambda n: str(n))
        )
        history.register(history.Audited("node-template", "plans.NodeTemplate", title=lambda t: t.name))


def _template_scope(reach, prefix: str = ""):
    """The default templates (no region) are read by everyone with a reach; a district's own by its reach."""
    from django.db.models import Q

    return Q(**{f"{prefix}region__isnull": True}) | reach.q(f"{prefix}region")
