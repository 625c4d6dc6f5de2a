"""Lead schemas: a lead (线索), its visits, and the writes of the lead workflow."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from zhaoshang.api.pagination import Page
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
    id: int
    enterprise: Ref
    region: RegionRef
    source: str
    segment: Ref | None = None
    owner: Ref | None = None
    stage: str
    stage_label: str
    next_action: str
    next_action_on: date | None = None
    is_overdue: bool
    project: Ref | None = Field(None, description="转化后的台账项目（无权查看的保密项目不显示）")
    created_at: datetime
    updated_at: datetime

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
    id: int
    kind: str
    visited_on: date
    people: str
    summary: str
    outcome: str
    created_by: str | None = None
    created_at: datetime

    @staticmethod
    def resolve_created_by(obj: Any) -> str | None:
        return str(obj.created_by) if obj.created_by_id else None


class LeadDetailOut(LeadOut):
    notes: str
    visits: list[VisitOut]

    @staticmethod
    def resolve_visits(obj: Any) -> list[Any]:
        return list(obj.visits.select_related("created_by"))


class LeadPage(Page[LeadOut]):
    pass


class LeadFilterParams(Schema):
    stage: LeadStageEnum | None = None
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
    source: LeadSourceEnum = LeadSource.OTHER
    stage: OpenLeadStageEnum = OpenLeadStageEnum.NEW
    segment_id: int | None = Field(None, ge=1, le=2**31 - 1)
    owner_id: int | None = Field(None, ge=1, le=2**31 - 1, description="负责人；默认为调用者")
    next_action: str = Field("", pattern=TEXT, max_length=200)
    next_action_on: date | None = Field(None, ge=EARLIEST)
    notes: str = Field("", pattern=TEXT, max_length=5000)


class VisitIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: VisitKindEnum = VisitKind.VISIT
    visited_on: date = Field(..., ge=EARLIEST, description="不能晚于今天")
    summary: str = Field(..., min_length=1, pattern=TEXT, max_length=5000)
    people: str = Field("", pattern=TEXT, max_length=300)
    outcome: str = Field("", pattern=TEXT, max_length=300)
    next_action: str = Field("", pattern=TEXT, max_length=200)
    next_action_on: date | None = Field(None, ge=EARLIEST)


class ConvertIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1, pattern=TEXT, max_length=200, description="项目名称")
    on: date | None = Field(None, ge=EARLIEST, description="进入洽谈的日期；默认今天")
