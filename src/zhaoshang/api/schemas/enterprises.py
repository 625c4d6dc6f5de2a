from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.common import REGION_CODE, TEXT, RegionRef


class EnterpriseOut(Schema):
    id: int = Field(..., description=texts.ENTERPRISE_ID)
    uscc: str | None = Field(None, description="统一社会信用代码")
    name: str = Field(..., description=texts.ENTERPRISE_NAME)
    short_name: str = Field(..., description=texts.SHORT_NAME)
    former_names: list[str] = Field(..., description="曾用名")
    aliases: list[str] = Field(..., description="别名（如品牌名、常用简称）")
    region: RegionRef | None = Field(None, description="注册地区划；空：不在本系统的区划内")
    industry_code: str | None = Field(None, description=texts.INDUSTRY_CODE)
    registered_capital: int | None = Field(None, description="注册资本（元）")
    is_above_scale: bool = Field(..., description=texts.IS_ABOVE_SCALE)
    is_listed: bool = Field(..., description="是否上市公司")
    group: str = Field(..., description="所属集团")

    @staticmethod
    def resolve_industry_code(obj: Any) -> str | None:
        return obj.industry.code if obj.industry_id else None


class EnterprisePage(Page[EnterpriseOut]):
    pass


class EnterpriseFilterParams(Schema):
    q: str | None = Field(None, pattern=TEXT, max_length=100, description="名称、曾用名或别名")
    region: str | None = Field(None, pattern=REGION_CODE, description="注册地区划代码（市级代码含下辖区县）")
    above_scale: bool | None = Field(None, description="规上企业")
