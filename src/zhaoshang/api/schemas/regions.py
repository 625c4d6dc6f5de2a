from __future__ import annotations

from ninja import Field, Schema

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.common import REGION_CODE, TEXT
from zhaoshang.regions.models import Level

LevelEnum = Level  # the model's choices are the API's enum


class RegionOut(Schema):
    code: str = Field(..., description=texts.REGION_CODE)
    name: str = Field(..., description=texts.REGION_NAME)
    short_name: str = Field(..., description=texts.SHORT_NAME)
    level: str = Field(..., description=texts.REGION_LEVEL)
    parent_code: str | None = Field(None, description="上级区划代码；空：最高一级")
    lat: float | None = Field(None, description="纬度（度）；空：未知")
    lon: float | None = Field(None, description="经度（度）；空：未知")

    @staticmethod
    def resolve_parent_code(obj: object) -> str | None:
        parent = getattr(obj, "parent", None)
        return parent.code if parent is not None else None


class RegionPage(Page[RegionOut]):
    pass


class RegionFilterParams(Schema):
    level: LevelEnum | None = Field(None, description=texts.REGION_LEVEL)
    parent: str | None = Field(None, pattern=REGION_CODE, description="上级区划代码")
    q: str | None = Field(None, pattern=TEXT, max_length=50, description="名称或简称")
