"""Project schemas: money in integer yuan (foreign capital in US dollars), dates as ISO strings."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict
from pydantic.json_schema import JsonDict

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas.common import INDUSTRY_CODE, REGION_CODE, TEXT, Id, Name, Ref, RegionRef
from zhaoshang.lib.amounts import MAX_AMOUNT_YUAN
from zhaoshang.projects.models import Origin, ProjectType, Stage
from zhaoshang.projects.services import masked_fields

# The models' choices are the API's enums; the subsets below are written out (a type checker sees their
# members) and tests/api/test_enums.py holds them equal to their sources.
StageEnum = Stage
ProjectTypeEnum = ProjectType
OriginEnum = Origin


class LiveStageEnum(StrEnum):
    """A stage a project can be entered at: any of `stages.ORDER` (not 终止)."""

    LEAD = "lead"
    NEGOTIATING = "negotiating"
    SIGNED = "signed"
    REGISTERED = "registered"
    STARTED = "started"
    IN_PRODUCTION = "in_production"


class OrderingEnum(StrEnum):
    """A ledger ordering: a column, descending with a leading minus."""

    SIGNED_ON = "signed_on"
    SIGNED_ON_DESC = "-signed_on"
    CONTRACT_INVESTMENT = "contract_investment"
    CONTRACT_INVESTMENT_DESC = "-contract_investment"
    NAME = "name"
    NAME_DESC = "-name"
    STAGE = "stage"
    STAGE_DESC = "-stage"
    REGION = "region"
    REGION_DESC = "-region"


# The ledger's limit (projects/rules.py) answers an amount out of range, with the same words as every other
# door; the schema only documents it.
AMOUNT: JsonDict = {"minimum": 0, "maximum": MAX_AMOUNT_YUAN}


class ProjectOut(Schema):
    """A masked confidential project (保密项目 the caller may not see in full): `name` is its code name, and
    its investors, notes and hand-written reasons are left out (empty)."""

    id: int
    name: str = Field(..., description="项目名称；对无权查看的保密项目为项目代号")
    is_confidential: bool = Field(..., description="保密项目：名称、投资方和备注只对责任人和本区县管理员可见")
    code_name: str = Field(..., description="保密项目的项目代号")
    masked: bool = Field(..., description="是否已对当前用户隐藏名称、投资方和备注")
    region: RegionRef
    stage: str
    stage_label: str
    is_key: bool
    is_manufacturing: bool
    project_type: str
    origin: str
    origin_country: str
    contract_investment: int | None = Field(None, description="合同投资额（元）")
    fixed_asset_investment: int | None = Field(None, description="计划固定资产投资（元）")
    foreign_capital_usd: int | None = Field(None, description="实际使用外资（美元）")
    industry_code: str | None = None
    direction: Ref | None = None
    park: Ref | None = None
    investors: list[Ref]
    owner: Ref | None = None
    lead_on: date | None = None
    negotiating_on: date | None = None
    signed_on: date | None = None
    registered_on: date | None = None
    started_on: date | None = None
    in_production_on: date | None = None
    terminated_on: date | None = None
    termination_reason: str
    version: int = Field(..., description="版本号：修改时传回，以免覆盖他人同时所做的修改")
    updated_at: datetime

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.title

    @staticmethod
    def resolve_masked(obj: Any) -> bool:
        return obj.is_masked

    @staticmethod
    def resolve_termination_reason(obj: Any) -> str:
        return "" if "termination_reason" in masked_fields(obj) else obj.termination_reason

    @staticmethod
    def resolve_stage_label(obj: Any) -> str:
        return str(Stage(obj.stage).label)

    @staticmethod
    def resolve_industry_code(obj: Any) -> str | None:
        return obj.industry.code if obj.industry_id else None

    @staticmethod
    def resolve_investors(obj: Any) -> list[dict[str, Any]]:
        if "investors" in masked_fields(obj):
            return []
        return [{"id": e.pk, "name": e.name} for e in obj.investors.all()]

    @staticmethod
    def resolve_owner(obj: Any) -> dict[str, Any] | None:
        return {"id": obj.owner.pk, "name": str(obj.owner)} if obj.owner_id else None


class StageEventOut(Schema):
    from_stage: str
    to_stage: str
    occurred_on: date
    comment: str
    created_by: str | None = None

    @staticmethod
    def resolve_created_by(obj: Any) -> str | None:
        return str(obj.created_by) if obj.created_by_id else None


class ProjectDetailOut(ProjectOut):
    notes: str
    segments: list[Ref]
    events: list[StageEventOut]

    @staticmethod
    def resolve_notes(obj: Any) -> str:
        return "" if "notes" in masked_fields(obj) else obj.notes

    @staticmethod
    def resolve_segments(obj: Any) -> list[dict[str, Any]]:
        return [{"id": s.pk, "name": s.name} for s in obj.segments.all()]

    @staticmethod
    def resolve_events(obj: Any) -> list[Any]:
        events = list(obj.events.select_related("created_by"))
        if "event_comment" in masked_fields(obj):
            for event in events:
                event.comment = ""
        return events


class ProjectPage(Page[ProjectOut]):
    contract_investment_total: int = Field(..., description="符合条件项目的合同投资额合计（元）")


class ProjectFilterParams(Schema):
    """The ledger's filters (projects/filters.py ProjectFilter), as query parameters."""

    region: str | None = Field(None, pattern=REGION_CODE, description="区划代码；市级代码包含其下各区县")
    period: str | None = Field(
        None,
        pattern=TEXT,
        max_length=40,
        description="签约期间：2022、2022H1、2022Q3、2022-05、2022-01-01..2022-06-30",
    )
    stage: StageEnum | None = None
    direction: str | None = Field(None, pattern=TEXT, max_length=50, description="产业方向名称")
    manufacturing: bool | None = None
    is_key: bool | None = None
    park: int | None = Field(None, ge=1, le=2**31 - 1)
    segment: int | None = Field(None, ge=1, le=2**31 - 1)
    q: str | None = Field(
        None,
        pattern=TEXT,
        max_length=100,
        description="搜索项目名称、投资方（含曾用名）、备注；无权查看的保密项目只按项目代号搜索",
    )
    ordering: OrderingEnum | None = None

    def as_filter_data(self) -> dict[str, str]:
        data: dict[str, str] = {}
        for key, value in self.model_dump(exclude_none=True).items():
            if isinstance(value, bool):
                data[key] = "true" if value else "false"
            elif isinstance(value, Enum):
                data[key] = str(value.value)
            else:
                data[key] = str(value)
        return data


class _ProjectFields(Schema):
    model_config = ConfigDict(extra="forbid")

    is_key: bool | None = None
    project_type: ProjectTypeEnum | None = None
    origin: OriginEnum | None = None
    origin_country: str | None = Field(None, pattern=TEXT, max_length=50)
    contract_investment: int | None = Field(None, json_schema_extra=AMOUNT, description="合同投资额（元）")
    fixed_asset_investment: int | None = Field(
        None, json_schema_extra=AMOUNT, description="计划固定资产投资（元）"
    )
    foreign_capital_usd: int | None = Field(
        None, json_schema_extra=AMOUNT, description="实际使用外资（美元）"
    )
    industry_code: str | None = Field(None, pattern=INDUSTRY_CODE, description="GB/T 4754-2017 小类代码")
    direction_id: int | None = Field(None, ge=1, le=2**31 - 1)
    park_id: int | None = Field(None, ge=1, le=2**31 - 1)
    segment_ids: list[Id] | None = Field(None, max_length=50)
    investors: list[Name] | None = Field(
        None, max_length=20, description="投资方名称；已有企业按名称、曾用名或别名匹配"
    )
    owner_id: int | None = Field(None, ge=1, le=2**31 - 1)
    manufacturing_override: bool | None = None
    manufacturing_override_reason: str | None = Field(None, pattern=TEXT, max_length=200)
    notes: str | None = Field(None, pattern=TEXT, max_length=5000)
    is_confidential: bool | None = Field(None, description="保密项目（须同时填写项目代号）")
    code_name: str | None = Field(
        None, pattern=TEXT, max_length=100, description="保密项目对外显示的项目代号"
    )
    amendment_reason: str | None = Field(
        None, pattern=TEXT, max_length=500, description="更正理由：修改会改变已报送期间的数字时必填"
    )


class ProjectCreateIn(_ProjectFields):
    name: str = Field(..., min_length=1, pattern=TEXT, max_length=200)
    region: str = Field(..., pattern=REGION_CODE, description="所属区县的区划代码")
    stage: LiveStageEnum = Field(LiveStageEnum.LEAD, description="录入时所处阶段（不能为终止）")
    project_type: ProjectTypeEnum = ProjectType.NEW
    origin: OriginEnum = Origin.DOMESTIC
    lead_on: date | None = None
    negotiating_on: date | None = None
    signed_on: date | None = None
    registered_on: date | None = None
    started_on: date | None = None
    in_production_on: date | None = None


class ProjectUpdateIn(_ProjectFields):
    """Partial update: only the fields sent change; stage and stage dates change only by stage actions."""

    name: str | None = Field(None, min_length=1, pattern=TEXT, max_length=200)
    region: str | None = Field(None, pattern=REGION_CODE)
    version: int | None = Field(
        None, ge=1, le=2**31 - 1, description="读取时的版本号；若项目其后已被他人修改，返回 409 而不覆盖"
    )


class StageChangeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    to_stage: StageEnum
    on: date
    comment: str = Field("", pattern=TEXT, max_length=500)
    contract_investment: int | None = Field(
        None, json_schema_extra=AMOUNT, description="签约时的合同投资额（元）"
    )
    reason: str = Field("", pattern=TEXT, max_length=500, description="终止原因（终止时必填）")
    amendment_reason: str = Field(
        "", pattern=TEXT, max_length=500, description="更正理由：变更会改变已报送期间的数字时必填"
    )
