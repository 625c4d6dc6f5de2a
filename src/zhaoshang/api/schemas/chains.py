"""Chain schemas: the chains, and a chain as a district holds it (the chain map)."""

from __future__ import annotations

from ninja import Field, Schema

from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.common import Ref, RegionRef

CHAIN_KEY = r"^[-a-zA-Z0-9_]{1,30}$"


class ChainOut(Schema):
    key: str = Field(..., description=texts.CHAIN_KEY)
    name: str = Field(..., description="产业链名称")
    segment_count: int = Field(..., description="环节数")


class FirmOut(Schema):
    id: int = Field(..., description=texts.ENTERPRISE_ID)
    name: str = Field(..., description=texts.ENTERPRISE_NAME)
    short_name: str = Field(..., description=texts.SHORT_NAME)
    is_above_scale: bool = Field(..., description=texts.IS_ABOVE_SCALE)


class MemberOut(Schema):
    enterprise: Ref = Field(..., description=texts.ENTERPRISE)
    role: str = Field(..., description="leader（链主）或 supplier（配套）")


class SegmentOut(Schema):
    id: int = Field(..., description=texts.SEGMENT_ID)
    name: str = Field(..., description="环节名称")
    parent_id: int | None = Field(None, description="上级环节 ID；空：一级环节")
    position: str = Field(..., description="环节位置：upstream 上游、midstream 中游、downstream 下游")
    members: list[MemberOut] = Field(..., description="本区县在该环节的企业")
    is_gap: bool = Field(..., description="本区县无本地企业")
    is_weak: bool = Field(..., description="本区县仅一家本地企业")


class ChainMapOut(Schema):
    chain: ChainOut = Field(..., description="产业链")
    region: RegionRef = Field(..., description="区县")
    coverage: float | None = Field(None, description="有本地企业的末级环节占比（小数）；无末级环节时为空")
    above_scale: int = Field(..., description="链上规上企业数")
    leaders: list[FirmOut] = Field(..., description="本区县的链主企业")
    firms: list[FirmOut] = Field(..., description="本区县的链上企业")
    gaps: list[Ref] = Field(..., description="空白环节（末级）")
    weak: list[Ref] = Field(..., description="薄弱环节（末级，仅一家企业）")
    segments: list[SegmentOut] = Field(..., description="各环节的覆盖情况")
