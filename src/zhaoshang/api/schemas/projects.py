"""Project schemas: money in integer yuan (foreign capital in US dollars), dates as ISO strings."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict
from pydantic.json_schema import JsonDict

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas import texts
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

    id: int = Field(..., description=texts.PROJECT_ID)
    name: str = Field(..., description="项目名称；对无权查看的保密项目为项目代号")
    is_confidential: bool = Field(..., description="保密项目：名称、投资方和备注只对责任人和本区县管理员可见")
    code_name: str = Field(..., description="保密项目的项目代号")
    masked: bool = Field(..., description="是否已对当前用户隐藏名称、投资方和备注")
    region: RegionRef = Field(..., description=texts.REGION)
    stage: str = Field(..., description=texts.STAGE)
    stage_label: str = Field(..., description=texts.STAGE_LABEL)
    is_key: bool = Field(..., description=texts.IS_KEY)
    is_manufacturing: bool = Field(..., description=texts.IS_MANUFACTURING)
    project_type: str = Field(..., description=texts.PROJECT_TYPE)
    origin: str = Field(..., description=texts.ORIGIN)
    origin_country: str = Field(..., description=texts.ORIGIN_COUNTRY)
    contract_investment: int | None = Field(None, description="合同投资额（元）")
    fixed_asset_investment: int | None = Field(None, description="计划固定资产投资（元）")
    foreign_capital_usd: int | None = Field(None, description="实际使用外资（美元）")
    industry_code: str | None = Field(None, description=texts.INDUSTRY_CODE)
    direction: Ref | None = Field(None, description=texts.DIRECTION)
    park: Ref | None = Field(None, description=texts.PARK)
    investors: list[Ref] = Field(..., description=texts.INVESTORS)
    owner: Ref | None = Field(None, description=texts.OWNER)
    lead_on: date | None = Field(None, description=texts.LEAD_ON)
    negotiating_on: date | None = Field(None, description=texts.NEGOTIATING_ON)
    signed_on: date | None = Field(None, description=texts.SIGNED_ON)
    registered_on: date | None = Field(None, description=texts.REGISTERED_ON)
    started_on: date | None = Field(None, description=texts.STARTED_ON)
    in_production_on: date | None = Field(None, description=texts.IN_PRODUCTION_ON)
    terminated_on: date | None = Field(None, description=texts.TERMINATED_ON)
    termination_reason: str = Field(..., description=texts.TERMINATION_REASON)
    version: int = Field(..., description="版本号：修改时传回，以免覆盖他人同时所做的修改")
    updated_at: datetime = Field(..., description=texts.UPDATED_AT)

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
    from_stage: str = Field(..., description="变更前的阶段代码")
    to_stage: str = Field(..., description="变更后的阶段代码")
    occurred_on: date = Field(..., description="变更日期")
    comment: str = Field(..., description="变更说明（无权查看的保密项目为空）")
    created_by: str | None = Field(None, description=texts.CREATED_BY)

    @staticmethod
    def resolve_created_by(obj: Any) -> str | None:
        return str(obj.created_by) if obj.created_by_id else None


class ProjectDetailOut(ProjectOut):
    notes: str = Field(..., description="备注（无权查看的保密项目为空）")
    segments: list[Ref] = Field(..., description=texts.SEGMENTS)
    events: list[StageEventOut] = Field(..., description="阶段变更记录（不可修改），按时间先后")

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
        description="签约" + texts.PERIOD,
    )
    stage: StageEnum | None = Field(None, description=texts.STAGE)
    direction: str | None = Field(None, pattern=TEXT, max_length=50, description="产业方向名称")
    manufacturing: bool | None = Field(None, description="只看制造业（true）或非制造业（false）项目")
    is_key: bool | None = Field(None, description="只看重点项目（true）或非重点项目（false）")
    park: int | None = Field(None, ge=1, le=2**31 - 1, description=texts.PARK_ID)
    segment: int | None = Field(None, ge=1, le=2**31 - 1, description=texts.SEGMENT_ID)
    q: str | None = Field(
        None,
        pattern=TEXT,
        max_length=100,
        description="搜索项目名称、投资方（含曾用名）、备注；无权查看的保密项目只按项目代号搜索",
    )
    ordering: OrderingEnum | None = Field(None, description="排序字段，前加减号为降序；默认按签约日期降序")

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

    is_key: bool | None = Field(None, description=texts.IS_KEY)
    project_type: ProjectTypeEnum | None = Field(None, description=texts.PROJECT_TYPE)
    origin: OriginEnum | None = Field(None, description=texts.ORIGIN)
    origin_country: str | None = Field(None, pattern=TEXT, max_length=50, description=texts.ORIGIN_COUNTRY)
    contract_investment: int | None = Field(None, json_schema_extra=AMOUNT, description="合同投资额（元）")
    fixed_asset_investment: int | None = Field(
        None, json_schema_extra=AMOUNT, description="计划固定资产投资（元）"
    )
    foreign_capital_usd: int | None = Field(
        None, json_schema_extra=AMOUNT, description="实际使用外资（美元）"
    )
    industry_code: str | None = Field(None, pattern=INDUSTRY_CODE, description="GB/T 4754-2017 小类代码")
    direction_id: int | None = Field(None, ge=1, le=2**31 - 1, description=texts.DIRECTION_ID)
    park_id: int | None = Field(None, ge=1, le=2**31 - 1, description=texts.PARK_ID)
    segment_ids: list[Id] | None = Field(None, max_length=50, description=texts.SEGMENT_IDS)
    investors: list[Name] | None = Field(
        None, max_length=20, description="投资方名称；已有企业按名称、曾用名或别名匹配"
    )
    owner_id: int | None = Field(None, ge=1, le=2**31 - 1, description=texts.OWNER_ID)
    manufacturing_override: bool | None = Field(None, description=texts.MANUFACTURING_OVERRIDE)
    manufacturing_override_reason: str | None = Field(
        None, pattern=TEXT, max_length=200, description=texts.MANUFACTURING_OVERRIDE_REASON
    )
    notes: str | None = Field(None, pattern=TEXT, max_length=5000, description=texts.NOTES)
    is_confidential: bool | None = Field(None, description="保密项目（须同时填写项目代号）")
    code_name: str | None = Field(
        None, pattern=TEXT, max_length=100, description="保密项目对外显示的项目代号"
    )
    amendment_reason: str | None = Field(
        None, pattern=TEXT, max_length=500, description="更正理由：修改会改变已报送期间的数字时必填"
    )


class ProjectCreateIn(_ProjectFields):
    name: str = Field(..., min_length=1, pattern=TEXT, max_length=200, description=texts.PROJECT_NAME)
    region: str = Field(..., pattern=REGION_CODE, description="所属区县的区划代码")
    stage: LiveStageEnum = Field(LiveStageEnum.LEAD, description="录入时所处阶段（不能为终止）")
    project_type: ProjectTypeEnum = Field(ProjectType.NEW, description=texts.PROJECT_TYPE)
    origin: OriginEnum = Field(Origin.DOMESTIC, description=texts.ORIGIN)
    lead_on: date | None = Field(None, description=texts.LEAD_ON)
    negotiating_on: date | None = Field(None, description=texts.NEGOTIATING_ON)
    signed_on: date | None = Field(None, description=texts.SIGNED_ON)
    registered_on: date | None = Field(None, description=texts.REGISTERED_ON)
    started_on: date | None = Field(None, description=texts.STARTED_ON)
    in_production_on: date | None = Field(None, description=texts.IN_PRODUCTION_ON)


class ProjectUpdateIn(_ProjectFields):
    """Partial update: only the fields sent change; stage and stage dates change only by stage actions."""

    name: str | None = Field(None, min_length=1, pattern=TEXT, max_length=200, description=texts.PROJECT_NAME)
    region: str | None = Field(
        None, pattern=REGION_CODE, description="改为另一区县（区划代码）；须在您的管辖范围内"
    )
    version: int | None = Field(
        None, ge=1, le=2**31 - 1, description="读取时的版本号；若项目其后已被他人修改，返回 409 而不覆盖"
    )


class StageChangeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    to_stage: StageEnum = Field(..., description=texts.TO_STAGE)
    on: date = Field(..., description=texts.STAGE_ON)
    comment: str = Field("", pattern=TEXT, max_length=500, description=texts.STAGE_COMMENT)
    contract_investment: int | None = Field(
        None, json_schema_extra=AMOUNT, description="签约时的合同投资额（元）"
    )
    reason: str = Field("", pattern=TEXT, max_length=500, description="终止原因（终止时必填）")
    amendment_reason: str = Field(
        "", pattern=TEXT, max_length=500, description="更正理由：变更会改变已报送期间的数字时必填"
    )
