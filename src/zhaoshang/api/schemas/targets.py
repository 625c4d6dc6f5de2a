from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.common import REGION_CODE, TEXT, RegionRef
from zhaoshang.targets.models import TargetLevel
from zhaoshang.targets.registry import METRICS
from zhaoshang.targets.value_rules import MAX_TARGET_VALUE

LevelEnum = TargetLevel  # the model's choices are the API's enum


class MetricEnum(StrEnum):
    """A metric of the registry (targets/registry.py), by key; tests/api/test_enums.py holds them equal."""

    SIGNED_PROJECTS = "signed_projects"
    CONTRACT_INVESTMENT = "contract_investment"
    MANUFACTURING_SIGNED_PROJECTS = "manufacturing_signed_projects"
    MANUFACTURING_CONTRACT_INVESTMENT = "manufacturing_contract_investment"
    MANUFACTURING_SHARE = "manufacturing_share"
    KEY_SIGNED_PROJECTS = "key_signed_projects"
    PROJECTS_OVER_100M = "projects_over_100m"
    PROJECTS_OVER_1B = "projects_over_1b"
    PROJECTS_OVER_5B = "projects_over_5b"
    FOREIGN_CAPITAL = "foreign_capital"
    BAND_3_10 = "band_3_10"
    BAND_10_20 = "band_10_20"
    BAND_OVER_20 = "band_over_20"
    SIGNED_STARTED_PROJECTS = "signed_started_projects"
    START_RATE = "start_rate"
    STARTED_PROJECTS = "started_projects"
    IN_PRODUCTION_PROJECTS = "in_production_projects"


MAX_VALUE = Decimal(MAX_TARGET_VALUE)  # the largest any unit allows (targets/value_rules.py)


class TargetOut(Schema):
    id: int = Field(..., description=texts.TARGET_ID)
    region: RegionRef = Field(..., description=texts.REGION)
    year: int = Field(..., description=texts.YEAR)
    metric: str = Field(..., description=texts.METRIC)
    metric_label: str = Field(..., description=texts.METRIC_LABEL)
    scope: str = Field(..., description=texts.TARGET_SCOPE)
    level: str = Field(..., description=texts.TARGET_LEVEL)
    value: float = Field(..., description=texts.TARGET_VALUE)

    @staticmethod
    def resolve_metric_label(obj: Any) -> str:
        metric = METRICS.get(obj.metric)
        return str(metric.label) if metric else obj.metric

    @staticmethod
    def resolve_value(obj: Any) -> float:
        return float(obj.value)


class TargetPage(Page[TargetOut]):
    pass


class TargetFilterParams(Schema):
    region: str | None = Field(None, pattern=REGION_CODE, description="区划代码（市级代码含下辖区县）")
    year: int | None = Field(None, ge=2000, le=2100, description=texts.YEAR)
    metric: MetricEnum | None = Field(None, description=texts.METRIC)
    level: LevelEnum | None = Field(None, description=texts.TARGET_LEVEL)


class TargetCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    region: str = Field(..., pattern=REGION_CODE, description="目标所属区划的代码（须在您的管辖范围内）")
    year: int = Field(..., ge=2000, le=2100, description=texts.YEAR)
    metric: MetricEnum = Field(..., description=texts.METRIC)
    scope: str = Field(
        "", pattern=TEXT, max_length=50, description="口径：空、key、manufacturing、direction:<id> …"
    )
    level: LevelEnum = Field(..., description=texts.TARGET_LEVEL)
    value: Decimal = Field(..., ge=0, le=MAX_VALUE, decimal_places=4, description=texts.TARGET_VALUE)


class TargetUpdateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    value: Decimal = Field(..., ge=0, le=MAX_VALUE, decimal_places=4, description=texts.TARGET_VALUE)
