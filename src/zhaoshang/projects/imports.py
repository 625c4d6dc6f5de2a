"""Importing the ledger from Excel: one row per project, matched by 项目编号 or by (区县, 项目名称).

The rules are those of `services.create_project` and the model's constraints, checked per row before
anything is written: the current stage has its date, signed projects have a signing date and an amount,
stage dates run in order, a stage never moves back, a terminated project has a date and a reason, and a
row may not alter a reported (locked) period. Writes are bulk inserts and updates with their history
records and stage events, so 10,000 rows take seconds.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhaoshang.accounts.permissions import can_create_project, can_edit_project, can_write_in
from zhaoshang.enterprises.lookups import EnterpriseIndex, EnterpriseRef
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.industries.models import IndustryDirection
from zhaoshang.lib.amounts import to_wan
from zhaoshang.projects import progress
from zhaoshang.projects.import_rules import check_stages, stage_events
from zhaoshang.projects.models import Origin, Project, ProjectType, Stage, StageEvent
from zhaoshang.projects.services import masked_fields
from zhaoshang.records import locks
from zhaoshang.records.imports import cells
from zhaoshang.records.imports.columns import Column
from zhaoshang.records.imports.engine import (
    Importer,
    Item,
    Plan,
    Row,
    RowInvalid,
    apply,
    field_changes,
    shown,
)
from zhaoshang.records.imports.lookups import (
    IndustryIndex,
    RegionIndex,
    region_cell,
)
from zhaoshang.records.imports.report import Change
from zhaoshang.records.imports.vocabulary import load
from zhaoshang.records.imports.writing import chunks, create_all, update_all
from zhaoshang.records.locks import PeriodLocked
from zhaoshang.regions.models import Level, Park

REASON = gettext_lazy("Excel 导入")
WORDS = load("zhaoshang.projects", "import_words.json")
DATE_COLUMNS = [
    Column("线索日期", "lead_on", cells.day),
    Column("洽谈日期", "negotiating_on", cells.day),
    Column("签约日期", "signed_on", cells.day, example="2022-05-10"),
    Column("注册日期", "registered_on", cells.day),
    Column("开工日期", "started_on", cells.day),
    Column("投产日期", "in_production_on", cells.day),
    Column("终止日期", "terminated_on", cells.day),
]
_COLUMNS = (
    Column("项目编号", "id", cells.whole, note=gettext_lazy("留空为新项目；导出的台账带有编号，按编号更新")),
    Column(
        "项目名称",
        "name",
        cells.text,
        required=True,
        example="智能网联汽车零部件项目",
    ),
    Column(
        "区县",
        "region",
        cells.text,
        required=True,
        note=gettext_lazy("区划代码、全称或简称，如 500106、沙坪坝区"),
        example="沙坪坝区",
    ),
    Column(
        "投资方",
        "investors",
        cells.names,
        note=gettext_lazy("多个投资方用“、”分隔；库中没有的企业将新建"),
        example="重庆某某科技有限公司",
    ),
    Column(
        "统一社会信用代码",
        "investor_usccs",
        cells.usccs,
        note=gettext_lazy("与投资方一一对应，用“、”分隔，没有的写“-”"),
        example="91500000MA5U0AAA0A",
    ),
    Column("产业方向", "direction", cells.text, note=gettext_lazy("本区县设定的产业方向名称")),
    Column(
        "行业代码",
        "industry",
        cells.code,
        note=gettext_lazy("GB/T 4754-2017，如 3670"),
        example="3670",
    ),
    Column("载体", "park", cells.text),
    Column(
        "重点项目",
        "is_key",
        cells.boolean,
        note=gettext_lazy("是/否"),
        example="是",
    ),
    Column(
        "项目类型",
        "project_type",
        cells.choice(ProjectType.choices, WORDS.words("project_type")),
        example="新建",
    ),
    Column(
        "资金来源",
        "origin",
        cells.choice(Origin.choices, WORDS.words("origin")),
        note=gettext_lazy("内资/外资"),
        example="内资",
    ),
    Column("来源国家/地区", "origin_country", cells.text_of(50)),
    Column(
        "合同投资额",
        "contract_investment",
        cells.money,
        note=gettext_lazy("可写“3.5亿”“35000万元”；纯数字按表头或表首注明的单位计，未注明按万元计"),
        example="3.5亿",
        unit="万元",
    ),
    Column(
        "计划固定资产投资",
        "fixed_asset_investment",
        cells.money,
        note=gettext_lazy("纯数字按表头或表首注明的单位计，未注明按万元计"),
        unit="万元",
    ),
    Column(
        "实际使用外资",
        "foreign_capital_usd",
        cells.money_in("万美元"),
        note=gettext_lazy("纯数字按表头注明的单位计，未注明按万美元计"),
        unit="万美元",
    ),
    Column(
        "阶段",
        "stage",
        cells.choice(Stage.choices, WORDS.words("stage")),
        required=True,
        note=gettext_lazy("线索/洽谈/签约/注册/开工/投产/终止"),
        example="签约",
    ),
    *DATE_COLUMNS,
    Column("终止原因", "termination_reason", cells.text_of(500)),
    Column("备注", "notes", cells.text_of(5000)),
)
# Every other header a column is known by is data: import_words.json (a bureau adds its own words).
COLUMNS = tuple(
    replace(c, aliases=WORDS.aliases(c.field), fallbacks=WORDS.fallbacks(c.field)) for c in _COLUMNS
)
DATE_COLUMNS = [c for c in COLUMNS if c.field.endswith("_on")]
DEFAULTS = {"is_key": False, "project_type": ProjectType.NEW, "origin": Origin.DOMESTIC}
PLAIN = (
    "name",
    "is_key",
    "project_type",
    "origin",
    "origin_country",
    "contract_investment",
    "fixed_asset_investment",
    "foreign_capital_usd",
    "stage",
    "termination_reason",
    "notes",
    *(c.field for c in DATE_COLUMNS),
)


class ProjectImporter(Importer):
    kind = "projects"
    label = gettext_lazy("项目台账")
    model = Project
    columns = COLUMNS
    key_fields = ("region", "name")
    filterset = "zhaoshang.projects.filters.ProjectFilter"

    def refusal(self) -> str | None:
        if self.user is not None and not can_write_in(self.user):
            return _("您的角色不能导入项目。")
        return None

    def own_district(self) -> Any:
        """The district of a district user (a city user, or a command without one, has none)."""
        region = getattr(self.user, "region", None)
        return region if region is not None and region.level == Level.COUNTY else None

    def implied(self) -> dict[str, str]:
        district = self.own_district()
        return {"region": district.name} if district is not None else {}

    def prepare(self, rows: list[Row]) -> None:
        self.regions, self.industries = RegionIndex(self.reach), IndustryIndex()
        self.directions = {(d.region_id, d.name): d for d in IndustryDirection.objects.all()}
        self.parks = {(p.region_id, p.name): p for p in Park.objects.all()}
        refs = set()
        for row in rows:
            names, codes = row.get("investors") or [], row.get("investor_usccs") or []
            refs |= {EnterpriseRef(n, codes[i] if i < len(codes) else "") for i, n in enumerate(names)}
        self.enterprises = EnterpriseIndex(refs)
        self.locked = locks.batch(Project)  # the period lock, with every locked report loaded once

    def build(self, row: Row) -> Item:
        given = row.get("region") if row.has("region") else self.own_district().code
        region = self.regions.find(given, "region", county=True)
        values: dict[str, Any] = {"region": region}
        for name in PLAIN:
            if row.has(name):
                value = row.get(name)
                values[name] = DEFAULTS.get(name, value) if value is None else value
        problems = []
        for name, table in (("direction", self.directions), ("park", self.parks)):
            if row.has(name):
                text = row.get(name)
                values[name] = table.get((region.pk, text)) if text else None
                if text and values[name] is None:
                    problems.append((name, _("本区县没有名为“%(name)s”的记录。") % {"name": text}))
        if row.get("industry"):
            try:
                values["industry"] = self.industries.find(row.get("industry"), "industry")
            except RowInvalid as exc:
                problems += exc.problems
        elif row.has("industry"):
            values["industry"] = None
        extra = {}
        if row.has("investors") or row.has("investor_usccs"):
            names, codes = row.get("investors") or [], row.get("investor_usccs") or []
            if codes and len(codes) != len(names):
                problems.append(("investor_usccs", _("统一社会信用代码的个数应与投资方个数一致。")))
            else:
                try:
                    found = [
                        self.enterprises.resolve(EnterpriseRef(n, codes[i] if codes else ""), "investors")
                        for i, n in enumerate(names)
                    ]
                    extra["investors"] = list({id(e): e for e in found}.values())  # named twice, invests once
                except RowInvalid as exc:
                    problems += exc.problems
        if problems:
            raise RowInvalid(*problems)
        key: Hashable = ("id", row.get("id")) if row.get("id") else ("name", region.pk, row.get("name"))
        return Item(row, key, f"{region.name} · {row.get('name')}", values, extra)

    def find_existing(self, items: list[Item]) -> dict[Hashable, Any]:
        scoped = Project.objects.filter(self.reach.q("region")).select_related(
            "region", "industry", "direction", "park"
        )
        if self.user is not None:  # a confidential project the user may not see is refused below (`check`)
            scoped = scoped.disclosed_to(self.user)
        found: dict[Hashable, Any] = {}
        ids = [i.key[1] for i in items if i.key[0] == "id"]
        for part in chunks(ids):
            found.update({("id", p.pk): p for p in scoped.filter(pk__in=part)})
        missing = [i.key[1] for i in items if i.key[0] == "id" and i.key not in found]
        deleted = set()  # within reach but in the recycle bin: say so rather than "no such project"
        for part in chunks(missing):
            deleted.update(
                Project.all_objects.deleted()
                .filter(self.reach.q("region"), pk__in=part)
                .values_list("pk", flat=True)
            )
        for item in items:
            if item.key[0] == "id" and item.key not in found:
                found[item.key] = RowInvalid(
                    (
                        "id",
                        _("该编号的项目已删除（在回收站中），请先恢复后再导入。")
                        if item.key[1] in deleted
                        else _("台账中没有此编号的项目（或不在您的管辖范围内）。"),
                    )
                )
        by_name: dict[Hashable, list[Project]] = defaultdict(list)
        keyed = [i for i in items if i.key[0] == "name"]
        for part in chunks(keyed):
            query = scoped.filter(region_id__in={i.key[1] for i in part}, name__in={i.key[2] for i in part})
            for project in query:
                if self._masked(project):  # matching its real name would confirm that it exists
                    continue
                by_name[("name", project.region_id, project.name)].append(project)
        for key, projects in by_name.items():
            found[key] = (
                projects[0]
                if len(projects) == 1
                else RowInvalid(
                    ("name", _("该区县有 %(n)d 个同名项目，请填写项目编号以区分。") % {"n": len(projects)})
                )
            )
        self.investors_of: dict[int, list[tuple[int, str]]] = defaultdict(list)
        pks = [p.pk for p in found.values() if isinstance(p, Project)]
        through = Project.investors.through.objects
        for part in chunks(pks):
            for pid, eid, name in (
                through.filter(project_id__in=part)
                .values_list("project_id", "enterprise_id", "enterprise__name")
                .order_by("id")
            ):
                self.investors_of[pid].append((eid, name))
        return found

    def _masked(self, project: Project) -> bool:
        return self.user is not None and project.is_masked

    def changes(self, item: Item, instance: Any) -> list[Change]:
        if self._masked(instance):
            # A masked project exports with its code name and without investors or notes: a row that gives
            # back just that changes nothing (any other change is refused in `check`).
            for field, exported in (("name", instance.code_name), ("notes", ""), ("termination_reason", "")):
                if field in item.values and (item.values[field] or "") == exported:
                    del item.values[field]
            if not item.extra.get("investors", True):
                del item.extra["investors"]
        found = field_changes(self, item.values, instance)
        if "investors" in item.extra:
            old = self.investors_of.get(instance.pk, [])
            new = item.extra["investors"]
            if sorted(e for e, _n in old) != sorted(e.pk or 0 for e in new) or any(e.pk is None for e in new):
                found.append(
                    Change(
                        self.header("investors"), shown([n for _e, n in old]), shown([e.name for e in new])
                    )
                )
        return found

    def check(self, item: Item, instance: Any, changes: list[Change]) -> None:
        region = item.values["region"]
        if instance is None:
            if self.user is not None and not can_create_project(self.user, region):
                raise RowInvalid(("region", _("您不能在该区县录入项目。")))
            project = Project(**{**DEFAULTS, **item.values}, owner=self.history_user)
            old = None
        else:
            if self.user is not None and not can_edit_project(self.user, instance):
                raise RowInvalid(("name", _("您无权修改此项目（招商专员只能修改自己负责的项目）。")))
            if self._masked(instance):
                raise RowInvalid(("name", _("这是保密项目，只有项目责任人和本区县管理员可以修改。")))
            old, project = copy.copy(instance), instance
            apply(item.values, project)
        project.is_manufacturing = project.derive_manufacturing()
        check_stages(project, old)
        try:  # an import gives no 更正理由: such a change is made on the project's page
            self.locked.require_amendment(old, project, actor=self.history_user, reason="")
        except PeriodLocked as exc:
            raise RowInvalid(
                (
                    "",
                    _("该行会改变已报送期间（%(names)s）的数字：请在项目页面以更正方式修改。")
                    % {"names": exc.names},
                )
            ) from exc
        item.extra["project"], item.extra["old"] = project, old

    def effects(self, plan: Plan) -> dict[str, int]:
        return {_("新建投资方企业"): len(self._new_enterprises(plan))}

    def _new_enterprises(self, plan: Plan) -> list:
        used = [
            e
            for item in [*plan.creates, *(c[0] for c in plan.changes)]
            for e in item.extra.get("investors", [])
        ]
        return self.enterprises.created(used)

    def write(self, plan: Plan) -> None:
        user, reason = self.history_user, str(REASON)
        create_all(Enterprise, self._new_enterprises(plan), user=user, reason=reason)
        created = create_all(Project, [i.extra["project"] for i in plan.creates], user=user, reason=reason)
        for item, project in zip(plan.creates, created, strict=True):
            item.extra["project"] = project
        changed = [item.extra["project"] for item, _instance, _changes in plan.changes]
        fields = {"is_manufacturing"} | {f for item, _i, _c in plan.changes for f in item.values}
        if any(f.name == "version" for f in Project._meta.concrete_fields):
            fields.add("version")
            for project in changed:
                project.version += 1
        update_all(Project, changed, fields, user=user, reason=reason)
        events = [e for item in plan.creates for e in stage_events(None, item.extra["project"], user)]
        events += [
            e
            for item, _i, _c in plan.changes
            for e in stage_events(item.extra["old"], item.extra["project"], user)
        ]
        StageEvent.objects.bulk_create(events, batch_size=500)
        progress.stages_reached(events, user=user)
        self._write_investors(plan)

    def _write_investors(self, plan: Plan) -> None:
        through = Project.investors.through
        moved = [item for item, _i, _c in plan.changes if "investors" in item.extra]
        for part in chunks([item.extra["project"].pk for item in moved]):
            through.objects.filter(project_id__in=part).delete()
        links = []
        for item in [*plan.creates, *moved]:
            for enterprise in item.extra.get("investors", []):
                links.append(through(project_id=item.extra["project"].pk, enterprise_id=enterprise.pk))
        through.objects.bulk_create(links, batch_size=500)

    def export_rows(self, queryset: Iterable[Project]) -> Iterable[Sequence[Any]]:
        queryset = queryset.select_related("region", "direction", "industry", "park").prefetch_related(
            "investors"
        )
        for p in queryset.order_by("region__code", "id").iterator(chunk_size=2000):
            hidden = masked_fields(p)  # a confidential project the exporter may not see: its code name only
            investors = [] if "investors" in hidden else list(p.investors.all())
            yield [
                p.pk,
                p.title,
                region_cell(p.region),
                "、".join(e.name for e in investors),
                "、".join(e.uscc or "-" for e in investors) if any(e.uscc for e in investors) else "",
                p.direction.name if p.direction else "",
                p.industry.code if p.industry else "",
                p.park.name if p.park else "",
                "是" if p.is_key else "否",
                p.get_project_type_display(),
                p.get_origin_display(),
                p.origin_country,
                *(
                    _wan(getattr(p, f))
                    for f in ("contract_investment", "fixed_asset_investment", "foreign_capital_usd")
                ),
                p.get_stage_display(),
                *(getattr(p, c.field) for c in DATE_COLUMNS),
                *("" if f in hidden else getattr(p, f) for f in ("termination_reason", "notes")),
            ]


def _wan(amount: int | None) -> int | Decimal | None:
    """Yuan → 万元 for an export cell (an exact number the import reads back to the same yuan)."""
    if amount is None:
        return None
    wan = to_wan(amount, places=4)
    return int(wan) if wan == wan.to_integral_value() else wan.normalize()
