"""Node plan schemas: templates, a project's plan, its nodes, and the writes on them."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas.common import REGION_CODE, TEXT, Id, Ref, RegionRef
from zhaoshang.plans.models import Anchor
from zhaoshang.projects.models import Stage

AnchorEnum = Anchor


class NodeStateEnum(StrEnum):
    """Which nodes to list: open (未完成), overdue (已逾期), week (本周到期), done (已完成), all (全部)."""

    OPEN = "open"
    OVERDUE = "overdue"
    WEEK = "week"
    DONE = "done"
    ALL = "all"


class TemplateNodeOut(Schema):
    code: str
    name: str
    order: int
    anchor: AnchorEnum = Field(..., description="signing：签约日期起算；start：计划开工日倒排")
    offset_days: int = Field(..., description="相对签约日期或计划开工日期的天数")
    depends_on: list[str] = Field(..., description="前置节点代码")
    evidence: list[str] = Field(..., description="所需佐证材料")
    ledger_stage: str = Field(..., description="对应台账阶段（空：无）；台账进入该阶段时节点自动完成")

    @staticmethod
    def resolve_depends_on(obj: Any) -> list[str]:
        return [d.code for d in obj.depends_on.all()]

    @staticmethod
    def resolve_evidence(obj: Any) -> list[str]:
        return obj.evidence_items


class TemplateOut(Schema):
    id: int
    name: str
    region: RegionRef | None = Field(None, description="适用区县；空为全市默认模板")
    project_type: str = Field(..., description="项目类型（空：通用）")
    start_offset_days: int = Field(..., description="未指定计划开工日期时，签约后多少天开工")
    is_active: bool
    nodes: list[TemplateNodeOut]

    @staticmethod
    def resolve_region(obj: Any) -> dict[str, str] | None:
        return {"code": obj.region.code, "name": obj.region.name} if obj.region_id else None

    @staticmethod
    def resolve_nodes(obj: Any) -> list[Any]:
        return list(obj.nodes.all())


class NodeOut(Schema):
    id: int
    project: Ref
    region: RegionRef
    code: str
    name: str
    order: int
    ledger_stage: str
    planned_on: date = Field(..., description="计划完成日期")
    actual_on: date | None = Field(None, description="实际完成日期（空：未完成）")
    days_late: int = Field(..., description="逾期天数：未完成按今天、已完成按完成日期计；按时为 0")
    person: Ref | None = None
    depends_on: list[str] = Field(..., description="前置节点代码")
    evidence_required: list[str]
    evidence_note: str
    delay_reason: str

    @staticmethod
    def resolve_project(obj: Any) -> dict[str, Any]:
        return {"id": obj.project_id, "name": obj.project.title}

    @staticmethod
    def resolve_region(obj: Any) -> dict[str, str]:
        return {"code": obj.project.region.code, "name": obj.project.region.name}

    @staticmethod
    def resolve_days_late(obj: Any) -> int:
        return obj.days_late()

    @staticmethod
    def resolve_person(obj: Any) -> dict[str, Any] | None:
        return {"id": obj.person_id, "name": str(obj.person)} if obj.person_id else None

    @staticmethod
    def resolve_depends_on(obj: Any) -> list[str]:
        return [d.code for d in obj.depends_on.all()]

    @staticmethod
    def resolve_evidence_required(obj: Any) -> list[str]:
        return obj.evidence_items


class NodePage(Page[NodeOut]):
    pass


class PlanOut(Schema):
    project: Ref
    template: Ref | None = None
    start_on: date = Field(..., description="计划开工日期（倒排节点由此往前排）")
    nodes: list[NodeOut]


class NodeFilterParams(Schema):
    state: NodeStateEnum = NodeStateEnum.OPEN
    region: str | None = Field(None, pattern=REGION_CODE, description="区划代码；市级代码包含其下各区县")
    project_id: Id | None = Field(None, description="只看某个项目的节点")
    mine: bool | None = Field(None, description="只看本人负责的节点")


class PlanCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    template_id: Id | None = Field(None, description="节点模板；空则按项目类型自动选择")
    start_on: date | None = Field(None, description="计划开工日期；空则按模板的默认天数")


class CompleteIn(Schema):
    model_config = ConfigDict(extra="forbid")

    actual_on: date = Field(..., description="实际完成日期（不能早于前置节点的完成日期，不能晚于今天）")
    evidence_note: str = Field("", max_length=2000, pattern=TEXT, description="佐证说明")


class DelayIn(Schema):
    model_config = ConfigDict(extra="forbid")

    delay_reason: str = Field(..., min_length=1, max_length=500, pattern=TEXT, description="延期原因")


STAGES = [s for s in Stage.values if s != Stage.TERMINATED]
