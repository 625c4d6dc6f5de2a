from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas.common import REGION_CODE, TEXT, RegionRef
from zhaoshang.targets.models import TargetLevel
from zhaoshang.targets.registry import METRICS

LevelEnum = Enum("TargetLevelEnum", {lv.value: lv.value for lv in TargetLevel}, type=str)  # type: ignore[misc]
MetricEnum = Enum("MetricEnum", {key: key for key in METRICS}, type=str)  # type: ignore[misc]
MAX_VALUE = Decimal(10**15)  # within the model's 20 digits, and exact as a JSON number


class TargetOut(Schema):
    id: int
    region: RegionRef
    year: int
    metric: str
    metric_label: str
    scope: str
    level: str
    value: float = Field(..., description="目标值：金额为元，数量为个，比率为小数")

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
    year: int | None = Field(None, ge=2000, le=2100)
    metric: MetricEnum | None = None
    level: LevelEnum | None = None


class TargetCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    region: str = Field(..., pattern=REGION_CODE)
    year: int = Field(..., ge=2000, le=2100)
    metric: MetricEnum
    scope: str = Field(
        "", pattern=TEXT, max_length=50, description="口径：空、key、manufacturing、direction:<id> …"
    )
    level: LevelEnum
    value: Decimal = Field(..., ge=0, le=MAX_VALUE, decimal_places=4)


class TargetUpdateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    value: Decimal = Field(..., ge=0, le=MAX_VALUE, decimal_places=4)
