"""Responsible-unit schemas: a unit (责任单位) with its members, and the writes of administrators."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.common import REGION_CODE, TEXT, RegionRef
from zhaoshang.units.models import UnitKind

UnitKindEnum = UnitKind  # the model's choices are the API's enum


class MemberOut(Schema):
    id: int = Field(..., description="用户 ID")
    username: str = Field(..., description="用户名")
    name: str = Field(..., description="姓名")
    is_head: bool = Field(..., description="是否单位负责人")


class UnitOut(Schema):
    id: int = Field(..., description=texts.UNIT_ID)
    region: RegionRef = Field(..., description="所属区县")
    name: str = Field(..., description=texts.UNIT_NAME)
    short_name: str = Field(..., description=texts.SHORT_NAME)
    kind: str = Field(..., description="类别代码")
    kind_label: str = Field(..., description="类别（中文）")
    is_active: bool = Field(..., description=texts.UNIT_ACTIVE)

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())


class UnitDetailOut(UnitOut):
    members: list[MemberOut] = Field(..., description="成员，负责人在前")

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
    kind: UnitKindEnum | None = Field(None, description=texts.UNIT_KIND)
    active: bool | None = Field(None, description="只列启用（true）或停用（false）的单位")


class UnitCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    region: str = Field(..., pattern=REGION_CODE, description="所属区县的区划代码")
    name: str = Field(..., min_length=1, max_length=100, pattern=TEXT, description=texts.UNIT_NAME)
    short_name: str = Field("", max_length=20, pattern=TEXT, description=texts.SHORT_NAME)
    kind: UnitKindEnum = Field(UnitKind.OTHER, description=texts.UNIT_KIND)
    is_active: bool = Field(True, description=texts.UNIT_ACTIVE)


class UnitUpdateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=100, pattern=TEXT, description=texts.UNIT_NAME)
    short_name: str | None = Field(None, max_length=20, pattern=TEXT, description=texts.SHORT_NAME)
    kind: UnitKindEnum | None = Field(None, description=texts.UNIT_KIND)
    is_active: bool | None = Field(None, description=texts.UNIT_ACTIVE)
