from __future__ import annotations

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "zhaoshang.units"
    verbose_name = _("责任单位")

    def ready(self) -> None:
        from zhaoshang.accounts import scoping, unitgate
        from zhaoshang.records import history, trash
        from zhaoshang.units.membership import live_unit_id

        scoping.set_unit_resolver(live_unit_id)
        # Administrators see the units of their reach; a unit user sees their own unit and its members.
        scoping.register("units.ResponsibleUnit", "region", unit="pk")
        scoping.register("units.UnitMember", "unit__region", unit="unit")
        unitgate.set_unit_home("units:mine")

        history.register(history.Audited("unit", "units.ResponsibleUnit", ("region",)))
        trash.register(
            trash.Kind(
                "unit",
                _("责任单位"),
                "units.ResponsibleUnit",
                ("region",),
                lambda unit: reverse("units:list"),
            )
        )
