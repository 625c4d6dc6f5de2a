"""Lead schemas: a lead (线索), its visits, and the writes of the lead workflow."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.common import REGION_CODE, TEXT, Ref, RegionRef
from zhaoshang.leads.models import LeadSource, LeadStage, VisitKind
from zhaoshang.projects.services import disclose

# The models' choices are the API's enums; the open stages are written out (a type checker sees their
# members) and tests/api/test_enums.py holds them equal to `OPEN_STAGES`.
LeadStageEnum = LeadStage
LeadSourceEnum = LeadSource
VisitKindEnum = VisitKind


class OpenLeadStageEnum(StrEnum):
    """A stage a lead can be entered at: one of `OPEN_STAGES` (not converted or dropped)."""

    NEW = "new"
    CONTACTED = "contacted"
    VISITED = "visited"
    NEGOTIATING = "negotiating"


EARLIEST = date(2000, 1, 1)  # no lead, visit or project of the bureau is older


class LeadOut(Schema):
    id: int = Field(..., description=texts.LEAD_ID)
    enterprise: Ref = Field(..., description=texts.ENTERPRISE)
    region: RegionRef = Field(..., description="招商区县")
    source: str = Field(..., description=texts.LEAD_SOURCE)
    segment: Ref | None = Field(None, description="目标产业链环节；空：未指定")
    owner: Ref | None = Field(None, description="线索负责人（用户 ID 与姓名）；空：未指定")
    stage: str = Field(..., description=texts.LEAD_STAGE)
    stage_label: str = Field(..., description=texts.STAGE_LABEL)
    next_action: str = Field(..., description=texts.NEXT_ACTION)
    next_action_on: date | None = Field(None, description=texts.NEXT_ACTION_ON)
    is_overdue: bool = Field(..., description="是否逾期未跟进")
    project: Ref | None = Field(None, description="转化后的台账项目（无权查看的保密项目不显示）")
    created_at: datetime = Field(..., description=texts.CREATED_AT)
    updated_at: datetime = Field(..., description=texts.UPDATED_AT)

    @staticmethod
    def resolve_enterprise(obj: Any) -> dict[str, Any]:
        return {"id": obj.enterprise.pk, "name": obj.enterprise.name}

    @staticmethod
    def resolve_segment(obj: Any) -> dict[str, Any] | None:
        return {"id": obj.segment.pk, "name": obj.segment.name} if obj.segment_id else None

    @staticmethod
    def resolve_owner(obj: Any) -> dict[str, Any] | None:
        return {"id": obj.owner.pk, "name": str(obj.owner)} if obj.owner_id else None

    @staticmethod
    def resolve_stage_label(obj: Any) -> str:
        return str(LeadStage(obj.stage).label)

    @staticmethod
    def resolve_project(obj: Any, context: Any = None) -> dict[str, Any] | None:
        if not obj.project_id:
            return None
        request = (context or {}).get("request")
        project = disclose(obj.project, getattr(request, "auth", None))
        if project.is_masked:  # a confidential project: the lead's firm is its investor, so no link to it
            return None
        return {"id": project.pk, "name": project.title}


class VisitOut(Schema):
    id: int = Field(..., description="走访记录 ID")
    kind: str = Field(..., description=texts.VISIT_KIND)
    visited_on: date = Field(..., description="走访日期")
    people: str = Field(..., description=texts.VISIT_PEOPLE)
    summary: str = Field(..., description=texts.VISIT_SUMMARY)
    outcome: str = Field(..., description=texts.VISIT_OUTCOME)
    created_by: str | None = Field(None, description=texts.CREATED_BY)
    created_at: datetime = Field(..., description=texts.CREATED_AT)

    @staticmethod
    def resolve_created_by(obj: Any) -> str | None:
        return str(obj.created_by) if obj.created_by_id else None


class LeadDetailOut(LeadOut):
    notes: str = Field(..., description=texts.NOTES)
    visits: list[VisitOut] = Field(..., description="走访记录，按时间先后")

    @staticmethod
    def resolve_visits(obj: Any) -> list[Any]:
        return list(obj.visits.select_related("created_by"))


class LeadPage(Page[LeadOut]):
    pass


class LeadFilterParams(Schema):
    stage: LeadStageEnum | None = Field(None, description=texts.LEAD_STAGE)
    overdue: bool | None = Field(None, description="只看逾期未跟进的在谈线索")
    region: str | None = Field(None, pattern=REGION_CODE, description="区划代码；市级代码包含其下各区县")


class LeadCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    enterprise_name: str = Field(
        ...,
        min_length=1,
        pattern=TEXT,
        max_length=200,
        description="企业名称；已有企业按名称、曾用名或别名匹配，没有的将新建",
    )
    region: str = Field(..., pattern=REGION_CODE, description="招商区县的区划代码")
    source: LeadSourceEnum = Field(LeadSource.OTHER, description=texts.LEAD_SOURCE)
    stage: OpenLeadStageEnum = Field(
        OpenLeadStageEnum.NEW, description="录入时的线索阶段（不能为已转化或已放弃）"
    )
    segment_id: int | None = Field(None, ge=1, le=2**31 - 1, description="目标产业链环节 ID")
    owner_id: int | None = Field(None, ge=1, le=2**31 - 1, description="负责人；默认为调用者")
    next_action: str = Field("", pattern=TEXT, max_length=200, description=texts.NEXT_ACTION)
    next_action_on: date | None = Field(None, ge=EARLIEST, description=texts.NEXT_ACTION_ON)
    notes: str = Field("", pattern=TEXT, max_length=5000, description=texts.NOTES)


class VisitIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: VisitKindEnum = Field(VisitKind.VISIT, description=texts.VISIT_KIND)
    visited_on: date = Field(..., ge=EARLIEST, description="走访日期（不能晚于今天）")
    summary: str = Field(..., min_length=1, pattern=TEXT, max_length=5000, description=texts.VISIT_SUMMARY)
    people: str = Field("", pattern=TEXT, max_length=300, description=texts.VISIT_PEOPLE)
    outcome: str = Field("", pattern=TEXT, max_length=300, description=texts.VISIT_OUTCOME)
    next_action: str = Field("", pattern=TEXT, max_length=200, description="下一步工作（更新线索）")
    next_action_on: date | None = Field(None, ge=EARLIEST, description=texts.NEXT_ACTION_ON)


class ConvertIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1, pattern=TEXT, max_length=200, description="项目名称")
    on: date | None = Field(None, ge=EARLIEST, description="进入洽谈的日期；默认今天")
