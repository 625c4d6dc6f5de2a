"""Importing enterprises from Excel: matched by 统一社会信用代码, else by exact name.

A renamed enterprise (same code, new name) keeps its old name among its former names, unless the file
itself lists the former names. Changes are limited to enterprises the user can see (accounts/scoping.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhaoshang.accounts.permissions import can_write_in
from zhaoshang.accounts.scoping import for_user
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.lib.amounts import to_wan
from zhaoshang.records.imports import cells
from zhaoshang.records.imports.columns import Column
from zhaoshang.records.imports.engine import Importer, Item, Plan, Row, RowInvalid, apply, field_changes
from zhaoshang.records.imports.lookups import IndustryIndex, RegionIndex, region_cell
from zhaoshang.records.imports.report import Change
from zhaoshang.records.imports.writing import chunks, create_all, update_all

REASON = gettext_lazy("Excel 导入")
COLUMNS = (
    Column(
        "企业名称",
        "name",
        cells.text,
        required=True,
        aliases=("企业", "名称"),
        example="重庆某某科技有限公司",
    ),
    Column(
        "统一社会信用代码",
        "uscc",
        cells.uscc,
        aliases=("信用代码", "USCC"),
        note=gettext_lazy("18 位，校验位须正确；有代码的按代码匹配，没有的按企业名称匹配"),
    ),
    Column("简称", "short_name", cells.text_of(50)),
    Column("曾用名", "former_names", cells.names, note=gettext_lazy("多个用“、”分隔")),
    Column("别名", "aliases", cells.names, note=gettext_lazy("多个用“、”分隔")),
    Column("注册地", "region", cells.text, note=gettext_lazy("区划代码、全称或简称")),
    Column("行业代码", "industry", cells.code, note=gettext_lazy("GB/T 4754-2017")),
    Column(
        "注册资本",
        "registered_capital",
        cells.money,
        note=gettext_lazy("纯数字按表头或表首注明的单位计，未注明按万元计"),
        unit="万元",
    ),
    Column("规上企业", "is_above_scale", cells.boolean, note=gettext_lazy("是/否")),
    Column("上市企业", "is_listed", cells.boolean, note=gettext_lazy("是/否")),
    Column("所属集团", "group", cells.text),
)
PLAIN = (
    "name",
    "uscc",
    "short_name",
    "former_names",
    "aliases",
    "registered_capital",
    "is_above_scale",
    "is_listed",
    "group",
)
BLANK = {"uscc": None, "is_above_scale": False, "is_listed": False}


class EnterpriseImporter(Importer):
    kind = "enterprises"
    label = gettext_lazy("企业")
    model = Enterprise
    columns = COLUMNS
    key_fields = ("uscc", "name")

    def refusal(self) -> str | None:
        if self.user is not None and not can_write_in(self.user):
            return _("您的角色不能导入企业。")
        return None

    def prepare(self, rows: list[Row]) -> None:
        self.regions, self.industries = RegionIndex(self.reach), IndustryIndex()

    def build(self, row: Row) -> Item:
        values: dict[str, Any] = {}
        for name in PLAIN:
            if row.has(name):
                value = row.get(name)
                values[name] = BLANK[name] if name in BLANK and value in (None, "") else value
        if row.has("region"):
            values["region"] = (
                self.regions.find(row.get("region"), "region", within_reach=False)
                if row.get("region")
                else None
            )
        if row.has("industry"):
            values["industry"] = (
                self.industries.find(row.get("industry"), "industry") if row.get("industry") else None
            )
        key: Hashable = ("uscc", values["uscc"]) if values.get("uscc") else ("name", values["name"])
        return Item(row, key, values["name"], values)

    def find_existing(self, items: list[Item]) -> dict[Hashable, Any]:
        found: dict[Hashable, Any] = {}
        codes = [i.key[1] for i in items if i.key[0] == "uscc"]
        for part in chunks(codes):
            found.update({("uscc", e.uscc): e for e in Enterprise.objects.filter(uscc__in=part)})
        by_name: dict[str, list[Enterprise]] = defaultdict(list)
        for part in chunks([i.values["name"] for i in items if i.key not in found]):
            for enterprise in Enterprise.objects.filter(name__in=part):
                by_name[enterprise.name].append(enterprise)
        for item in items:
            if item.key in found:
                continue
            named = by_name.get(item.values["name"], [])
            if item.key[0] == "uscc":
                named = [e for e in named if e.uscc is None]  # the same firm, its code not yet known
            if len(named) == 1:
                found[item.key] = named[0]
            elif len(named) > 1:
                found[item.key] = RowInvalid(("name", _("库中有多家同名企业，请填写统一社会信用代码。")))
        pks = [e.pk for e in found.values() if isinstance(e, Enterprise)]
        self.visible: set[int] = set()
        for part in chunks(pks):
            query = Enterprise.objects.filter(pk__in=part)
            if self.user is not None:
                query = for_user(query, self.user)
            self.visible.update(query.values_list("pk", flat=True))
        return found

    def changes(self, item: Item, instance: Any) -> list[Change]:
        if "former_names" not in item.row.values and item.values["name"] != instance.name:
            item.values["former_names"] = [*instance.former_names, instance.name]
        return field_changes(self, item.values, instance)

    def check(self, item: Item, instance: Any, changes: list[Change]) -> None:
        if instance is not None and instance.pk not in self.visible:
            raise RowInvalid(("name", _("该企业不在您的管辖范围内，不能修改。")))

    def write(self, plan: Plan) -> None:
        user, reason = self.history_user, str(REASON)
        create_all(
            Enterprise, [Enterprise(**{**BLANK, **i.values}) for i in plan.creates], user=user, reason=reason
        )
        for item, instance, _changes in plan.changes:
            apply(item.values, instance)
        fields = {f for item, _i, _c in plan.changes for f in item.values}
        update_all(
            Enterprise, [instance for _item, instance, _c in plan.changes], fields, user=user, reason=reason
        )

    def export_rows(self, queryset: Iterable[Enterprise]) -> Iterable[Sequence[Any]]:
        for e in (
            queryset.select_related("region", "industry").order_by("name", "id").iterator(chunk_size=2000)
        ):
            yield [
                e.name,
                e.uscc or "",
                e.short_name,
                "、".join(e.former_names),
                "、".join(e.aliases),
                region_cell(e.region),
                e.industry.code if e.industry else "",
                None if e.registered_capital is None else to_wan(e.registered_capital, places=4).normalize(),
                "是" if e.is_above_scale else "否",
                "是" if e.is_listed else "否",
                e.group,
            ]
