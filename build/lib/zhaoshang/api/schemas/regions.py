from __future__ import annotations

from ninja import Field, Schema

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas.common import REGION_CODE, TEXT
from zhaoshang.regions.models import Level

LevelEnum = Level  # the model's choices are the API's enum


class RegionOut(Schema):
    code: str
    name: str
    short_name: str
    level: str
    parent_code: str | None = None
    lat: float | None = None
    lon: float | None = None

    @staticmethod
    def resolve_parent_code(obj: object) -> str | None:
        parent = getattr(obj, "parent", None)
        return parent.code if parent is not None else None


class RegionPage(Page[RegionOut]):
    pass


class RegionFilterParams(Schema):
    level: LevelEnum | None = None
    parent: str | None = Field(None, pattern=REGION_CODE, description="上级区划代码")
    q: str | None = Field(None, pattern=TEXT, max_length=50, description="名称或简称")
