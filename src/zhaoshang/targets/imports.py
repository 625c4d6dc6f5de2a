"""Importing targets from Excel: one per (区划, 年度, 指标, 口径, 目标层级), the value read for its metric."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhaoshang.accounts.permissions import can_manage_targets
from zhaoshang.records.imports import cells
from zhaoshang.records.imports.columns import Column
from zhaoshang.records.imports.engine import Importer, Item, Plan, Row, RowInvalid, apply
from zhaoshang.records.imports.lookups import RegionIndex, region_cell
from zhaoshang.records.imports.writing import chunks, create_all, update_all
from zhaoshang.targets.models import Target, TargetLevel
from zhaoshang.targets.registry import METRICS, check_scope
from zhaoshang.targets.services import TargetValueError, target_value

REASON = gettext_lazy("Excel 导入")


def read_year(cell: Any) -> int | None:
    year = cells.whole(cell)
    if year is not None and not 2000 <= year <= 2100:
        raise cells.CellError(_("应为 2000–2100 的年份。"))
    return year


def read_metric(cell: Any) -> str:
    """A metric by its Chinese label (制造业合同投资额) or its key (manufacturing_contract_investment)."""
    text = cells.text(cell)
    for key, metric in METRICS.items():
        if text in (key, str(metric.label)):
            return key
    raise cells.CellError(_("未知指标。"))


COLUMNS = (
    Column("区划", "region", cells.text, required=True, aliases=("区县",), example="沙坪坝区"),
    Column("年度", "year", read_year, required=True, example=2022),
    Column(
        "指标",
        "metric",
        read_metric,
        required=True,
        note=gettext_lazy("指标名称，如“制造业合同投资额”"),
        example="制造业合同投资额",
    ),
    Column("口径", "scope", cells.text_of(50), note=gettext_lazy("留空为全部")),
    Column(
        "目标层级",
        "level",
        cells.choice(TargetLevel.choices),
        required=True,
        aliases=("层级",),
        note=gettext_lazy("市级任务/区级目标"),
        example="市级任务",
    ),
    Column(
        "目标值",
        "value",
        lambda cell: cell,
        required=True,
        note=gettext_lazy("金额可写“112亿”，纯数字按万元计；个数写整数；比率写“80%”"),
        example="112亿",
        export_unit="金额为万元",
    ),
)


class TargetImporter(Importer):
    kind = "targets"
    label = gettext_lazy("目标")
    model = Target
    columns = COLUMNS
    key_fields = ("region", "year", "metric", "scope", "level")

    def refusal(self) -> str | None:
        if self.user is not None and not can_manage_targets(self.user):
            return _("您的角色不能导入目标。")
        return None

    def prepare(self, rows: list[Row]) -> None:
        self.regions = RegionIndex(self.reach)

    def build(self, row: Row) -> Item:
        region, year, metric = (
            self.regions.find(row.get("region"), "region"),
            row.get("year"),
            row.get("metric"),
        )
        try:
            value = target_value(metric, row.get("value"))
        except TargetValueError as exc:
            raise RowInvalid(("value", str(exc))) from exc
        scope = row.get("scope", "") or ""
        try:
            check_scope(scope)
        except ValueError as exc:
            raise RowInvalid(("scope", str(exc))) from exc
        values = {
            "region": region,
            "year": year,
            "metric": metric,
            "scope": scope,
            "level": row.get("level"),
            "value": value,
        }
        key = (region.pk, year, metric, values["scope"], values["level"])
        label = f"{region.name} {year} {METRICS[metric].label} {TargetLevel(values['level']).label}"
        return Item(row, key, label, values)

    def find_existing(self, items: list[Item]) -> dict[Hashable, Any]:
        found: dict[Hashable, Any] = {}
        for part in chunks(items):
            query = Target.objects.filter(
                Q(region_id__in={i.key[0] for i in part}), year__in={i.key[1] for i in part}
            )
            found.update({(t.region_id, t.year, t.metric, t.scope, t.level): t for t in query})
        return found

    def changes(self, item: Item, instance: Any) -> list:
        return super().changes(item, instance) if item.values["value"] != instance.value else []

    def check(self, item: Item, instance: Any, changes: list) -> None:
        if self.user is not None and not can_manage_targets(
            self.user, item.values["region"], item.values["level"]
        ):
            raise RowInvalid(("level", _("您不能设定该区划的这一层级目标。")))

    def write(self, plan: Plan) -> None:
        user, reason = self.history_user, str(REASON)
        create_all(Target, [Target(**i.values) for i in plan.creates], user=user, reason=reason)
        for item, instance, _changes in plan.changes:
            apply({"value": item.values["value"]}, instance)
        update_all(
            Target, [instance for _item, instance, _c in plan.changes], {"value"}, user=user, reason=reason
        )

    def export_rows(self, queryset: Iterable[Target]) -> Iterable[Sequence[Any]]:
        for t in queryset.select_related("region").order_by("region__code", "year", "metric", "level"):
            metric = METRICS.get(t.metric)
            yield [
                region_cell(t.region),
                t.year,
                str(metric.label) if metric else t.metric,
                t.scope,
                t.get_level_display(),
                _value_cell(t.value, metric.unit if metric else ""),
            ]


def _value_cell(value: Any, unit: str) -> Any:
    """A target value as typed back: money in 万元 (a number), ratios as "80%", counts as integers."""
    if unit in ("yuan", "usd"):
        wan = value / 10_000
        return int(wan) if wan == wan.to_integral_value() else wan.normalize()
    if unit == "ratio":
        return f"{(value * 100).normalize():f}%"
    return int(value)
