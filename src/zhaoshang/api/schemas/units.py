"""Responsible-unit schemas: a unit (责任单位) with its members, and the writes of administrators."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas.common import REGION_CODE, TEXT, RegionRef
from zhaoshang.units.models import UnitKind

UnitKindEnum = UnitKind  # the model's choices are the API's enum


class MemberOut(Schema):
    id: int = Field(..., description="用户 ID")
    username: str
    name: str = Field(..., description="姓名")
    is_head: bool = Field(..., description="是否单位负责人")


class UnitOut(Schema):
    id: int
    region: RegionRef
    name: str = Field(..., description="单位名称")
    short_name: str = Field(..., description="简称")
    kind: str = Field(..., description="类别代码")
    kind_label: str = Field(..., description="类别（中文）")
    is_active: bool = Field(..., description="是否启用（停用的单位不再接收交办事项，其账号看不到任何事项）")

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())


class UnitDetailOut(UnitOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj: Any) -> list[dict[str, Any]]:
        return [
            {
                "id": m.user.pk,
                "username": m.user.username,
                "name": m.user.get_full_name(),
                "is_head": m.is_head,
            }
            for m in obj.members.select_related("user").order_by("-is_head", "user__username")
        ]


class UnitPage(Page[UnitOut]):
    pass


class UnitFilterParams(Schema):
    region: str | None = Field(None, pattern=REGION_CODE, description="区划代码（市级代码含下辖区县）")
    kind: UnitKindEnum | None = None
    active: bool | None = Field(None, description="只列启用（true）或停用（false）的单位")


class UnitCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    region: str = Field(..., pattern=REGION_CODE, description="所属区县的区划代码")
    name: str = Field(..., min_length=1, max_length=100, pattern=TEXT, description="单位名称")
    short_name: str = Field("", max_length=20, pattern=TEXT, description="简称")
    kind: UnitKindEnum = UnitKind.OTHER
    is_active: bool = True


class UnitUpdateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=100, pattern=TEXT)
    short_name: str | None = Field(None, max_length=20, pattern=TEXT)
    kind: UnitKindEnum | None = None
    is_active: bool | None = None
