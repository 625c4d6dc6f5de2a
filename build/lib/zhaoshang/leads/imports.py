"""Importing leads from Excel: one lead per (区县, 企业); enterprises matched by USCC or name, else created."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhaoshang.accounts.models import Role
from zhaoshang.accounts.permissions import can_create_project
from zhaoshang.enterprises.lookups import EnterpriseIndex, EnterpriseRef
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.leads.models import Lead, LeadSource, LeadStage
from zhaoshang.records.imports import cells
from zhaoshang.records.imports.columns import Column
from zhaoshang.records.imports.engine import Importer, Item, Plan, Row, RowInvalid, apply
from zhaoshang.records.imports.lookups import RegionIndex, region_cell
from zhaoshang.records.imports.writing import chunks, create_all, update_all

REASON = gettext_lazy("Excel 导入")
COLUMNS = (
    Column("区县", "region", cells.text, required=True, aliases=("招商区县", "区划"), example="沙坪坝区"),
    Column(
        "企业",
        "enterprise",
        cells.text,
        required=True,
        aliases=("企业名称", "目标企业"),
        note=gettext_lazy("库中没有的企业将新建"),
        example="重庆某某科技有限公司",
    ),
    Column("统一社会信用代码", "uscc", cells.uscc, aliases=("信用代码", "USCC")),
    Column(
        "来源", "source", cells.choice(LeadSource.choices), note=gettext_lazy("精准招商/以商招商/展会活动/…")
    ),
    Column(
        "阶段",
        "stage",
        cells.choice(LeadStage.choices),
        note=gettext_lazy("新线索/已接触/已拜访/洽谈中/已放弃（“已转化”须在线索页面操作）"),
    ),
    Column("下一步", "next_action", cells.text),
    Column("下一步日期", "next_action_on", cells.day),
    Column("备注", "notes", cells.text_of(5000)),
)
PLAIN = ("source", "stage", "next_action", "next_action_on", "notes")
DEFAULTS = {"source": LeadSource.OTHER, "stage": LeadStage.NEW}
LEAD_EDITORS = frozenset({Role.CITY_ADMIN, Role.DISTRICT_ADMIN})


class LeadImporter(Importer):
    kind = "leads"
    label = gettext_lazy("招商线索")
    model = Lead
    columns = COLUMNS
    key_fields = ("region", "enterprise")

    def refusal(self) -> str | None:
        if self.user is not None and not can_create_project(self.user):
            return _("您的角色不能导入招商线索。")
        return None

    def prepare(self, rows: list[Row]) -> None:
        self.regions = RegionIndex(self.reach)
        self.enterprises = EnterpriseIndex(
            {EnterpriseRef(r.get("enterprise"), r.get("uscc") or "") for r in rows}
        )

    def build(self, row: Row) -> Item:
        region = self.regions.find(row.get("region"), "region", county=True)
        enterprise = self.enterprises.resolve(
            EnterpriseRef(row.get("enterprise"), row.get("uscc") or ""), "enterprise"
        )
        values: dict[str, Any] = {"region": region, "enterprise": enterprise}
        for name in PLAIN:
            if row.has(name):
                value = row.get(name)
                values[name] = DEFAULTS.get(name, value) if value is None else value
        key = ("lead", region.pk, enterprise.pk or f"new:{id(enterprise)}")
        return Item(row, key, f"{region.name} · {enterprise.name}", values)

    def find_existing(self, items: list[Item]) -> dict[Hashable, Any]:
        known = [i for i in items if i.values["enterprise"].pk]
        found: dict[Hashable, Any] = {}
        for part in chunks(known):
            query = Lead.objects.filter(
                region_id__in={i.key[1] for i in part}, enterprise_id__in={i.key[2] for i in part}
            )
            found.update({("lead", lead.region_id, lead.enterprise_id): lead for lead in query})
        return found

    def check(self, item: Item, instance: Any, changes: list) -> None:
        stage, old = item.values.get("stage"), instance.stage if instance is not None else None
        if stage == LeadStage.CONVERTED and old != LeadStage.CONVERTED:
            raise RowInvalid(("stage", _("“已转化”须在线索页面转化为项目，不能通过导入设置。")))
        if old == LeadStage.CONVERTED and stage not in (None, LeadStage.CONVERTED):
            raise RowInvalid(("stage", _("线索已转化为项目，不能通过导入改变阶段。")))
        if instance is None:
            if self.user is not None and not can_create_project(self.user, item.values["region"]):
                raise RowInvalid(("region", _("您不能在该区县登记线索。")))
            return
        user = self.user
        if (
            user is not None
            and not user.is_superuser
            and user.role not in LEAD_EDITORS
            and instance.owner_id != user.pk
        ):
            raise RowInvalid(("enterprise", _("您无权修改此线索（招商专员只能修改自己负责的线索）。")))

    def effects(self, plan: Plan) -> dict[str, int]:
        return {_("新建企业"): len(self._new_enterprises(plan))}

    def _new_enterprises(self, plan: Plan) -> list[Enterprise]:
        return self.enterprises.created(
            [i.values["enterprise"] for i in [*plan.creates, *(c[0] for c in plan.changes)]]
        )

    def write(self, plan: Plan) -> None:
        user, reason = self.history_user, str(REASON)
        create_all(Enterprise, self._new_enterprises(plan), user=user, reason=reason)
        leads = [Lead(**{**DEFAULTS, **i.values}, owner=user) for i in plan.creates]
        create_all(Lead, leads, user=user, reason=reason)
        for item, instance, _changes in plan.changes:
            apply(item.values, instance)
        fields = {f for item, _i, _c in plan.changes for f in item.values}
        update_all(Lead, [instance for _item, instance, _c in plan.changes], fields, user=user, reason=reason)

    def export_rows(self, queryset: Iterable[Lead]) -> Iterable[Sequence[Any]]:
        for lead in (
            queryset.select_related("region", "enterprise")
            .order_by("region__code", "id")
            .iterator(chunk_size=2000)
        ):
            yield [
                region_cell(lead.region),
                lead.enterprise.name,
                lead.enterprise.uscc or "",
                lead.get_source_display(),
                lead.get_stage_display(),
                lead.next_action,
                lead.next_action_on,
                lead.notes,
            ]
