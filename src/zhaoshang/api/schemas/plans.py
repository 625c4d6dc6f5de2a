"""Node plan schemas: templates, a project's plan, its nodes, and the writes on them."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas import texts
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
    code: str = Field(..., description=texts.NODE_CODE)
    name: str = Field(..., description=texts.NODE_NAME)
    order: int = Field(..., description=texts.NODE_ORDER)
    anchor: AnchorEnum = Field(..., description="signing：签约日期起算；start：计划开工日倒排")
    offset_days: int = Field(..., description="相对签约日期或计划开工日期的天数")
    depends_on: list[str] = Field(..., description=texts.DEPENDS_ON)
    evidence: list[str] = Field(..., description=texts.EVIDENCE)
    ledger_stage: str = Field(..., description=texts.NODE_LEDGER_STAGE)

    @staticmethod
    def resolve_depends_on(obj: Any) -> list[str]:
        return [d.code for d in obj.depends_on.all()]

    @staticmethod
    def resolve_evidence(obj: Any) -> list[str]:
        return obj.evidence_items


class TemplateOut(Schema):
    id: int = Field(..., description="节点模板 ID")
    name: str = Field(..., description="模板名称")
    region: RegionRef | None = Field(None, description="适用区县；空为全市默认模板")
    project_type: str = Field(..., description="项目类型（空：通用）")
    start_offset_days: int = Field(..., description="未指定计划开工日期时，签约后多少天开工")
    is_active: bool = Field(..., description="是否启用（停用的模板不能用于新计划）")
    nodes: list[TemplateNodeOut] = Field(..., description="模板的节点，按次序")

    @staticmethod
    def resolve_region(obj: Any) -> dict[str, str] | None:
        return {"code": obj.region.code, "name": obj.region.name} if obj.region_id else None

    @staticmethod
    def resolve_nodes(obj: Any) -> list[Any]:
        return list(obj.nodes.all())


class NodeOut(Schema):
    id: int = Field(..., description=texts.NODE_ID)
    project: Ref = Field(..., description="所属项目（无权查看的保密项目为项目代号）")
    region: RegionRef = Field(..., description=texts.REGION)
    code: str = Field(..., description=texts.NODE_CODE)
    name: str = Field(..., description=texts.NODE_NAME)
    order: int = Field(..., description=texts.NODE_ORDER)
    ledger_stage: str = Field(..., description=texts.NODE_LEDGER_STAGE)
    planned_on: date = Field(..., description="计划完成日期")
    actual_on: date | None = Field(None, description="实际完成日期（空：未完成）")
    days_late: int = Field(..., description="逾期天数：未完成按今天、已完成按完成日期计；按时为 0")
    person: Ref | None = Field(None, description="节点负责人（用户 ID 与姓名）；空：未指定")
    depends_on: list[str] = Field(..., description=texts.DEPENDS_ON)
    evidence_required: list[str] = Field(..., description=texts.EVIDENCE)
    evidence_note: str = Field(..., description="完成时填写的佐证说明")
    delay_reason: str = Field(..., description="延期原因")

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
    project: Ref = Field(..., description="项目（无权查看的保密项目为项目代号）")
    template: Ref | None = Field(None, description="生成计划所用的节点模板；空：模板已删除")
    start_on: date = Field(..., description="计划开工日期（倒排节点由此往前排）")
    nodes: list[NodeOut] = Field(..., description="计划的节点，按次序")


class NodeFilterParams(Schema):
    state: NodeStateEnum = Field(
        NodeStateEnum.OPEN,
        description="节点范围：open 未完成（默认）、overdue 已逾期、week 本周到期、done 已完成、all 全部",
    )
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
