from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas.common import REGION_CODE, TEXT, RegionRef


class EnterpriseOut(Schema):
    id: int
    uscc: str | None = Field(None, description="统一社会信用代码")
    name: str
    short_name: str
    former_names: list[str]
    aliases: list[str]
    region: RegionRef | None = None
    industry_code: str | None = None
    registered_capital: int | None = Field(None, description="注册资本（元）")
    is_above_scale: bool
    is_listed: bool
    group: str

    @staticmethod
    def resolve_industry_code(obj: Any) -> str | None:
        return obj.industry.code if obj.industry_id else None


class EnterprisePage(Page[EnterpriseOut]):
    pass


class EnterpriseFilterParams(Schema):
    q: str | None = Field(None, pattern=TEXT, max_length=100, description="名称、曾用名或别名")
    region: str | None = Field(None, pattern=REGION_CODE, description="注册地区划代码（市级代码含下辖区县）")
    above_scale: bool | None = Field(None, description="规上企业")
