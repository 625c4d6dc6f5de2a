from __future__ import annotations

from django.apps import AppConfig
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LeadsConfig(AppConfig):
    name = "zhaoshang.leads"
    verbose_name = _("招商线索")

    def ready(self) -> None:
        from zhaoshang.accounts import matrix
        from zhaoshang.accounts.scoping import extend, register
        from zhaoshang.leads import reminders
        from zhaoshang.leads.models import Lead
        from zhaoshang.notify import sources
        from zhaoshang.records import history, trash
        from zhaoshang.records.imports import kinds

        register("leads.Lead", "region")
        matrix.register_probe("lead", Lead)  # the permission matrix probes its rules
        register("leads.Visit", "lead__region")

        def courted(reach):
            return Q(pk__in=Lead.objects.filter(reach.q("region")).values("enterprise_id"))

        extend("enterprises.Enterprise", courted)  # the firms it courts as leads

        history.register(
            history.Audited("lead", "leads.Lead", ("enterprise",), title=lambda lead: str(lead.enterprise))
        )
        trash.register(
            trash.Kind(
                "lead",
                _("招商线索"),
                "leads.Lead",
                ("region", "enterprise"),
                lambda lead: reverse("leads:list"),
            )
        )
        kinds.register("leads", "zhaoshang.leads.imports.LeadImporter", aliases=("线索",))
        sources.register(reminders.KIND, _("线索跟进到期"), reminders.due_follow_ups, days_ahead=1)
