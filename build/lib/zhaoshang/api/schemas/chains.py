"""Chain schemas: the chains, and a chain as a district holds it (the chain map)."""

from __future__ import annotations

from ninja import Field, Schema

from zhaoshang.api.schemas.common import Ref, RegionRef

CHAIN_KEY = r"^[-a-zA-Z0-9_]{1,30}$"


class ChainOut(Schema):
    key: str
    name: str
    segment_count: int


class FirmOut(Schema):
    id: int
    name: str
    short_name: str
    is_above_scale: bool


class MemberOut(Schema):
    enterprise: Ref
    role: str = Field(..., description="leader（链主）或 supplier（配套）")


class SegmentOut(Schema):
    id: int
    name: str
    parent_id: int | None = None
    position: str = Field(..., description="upstream / midstream / downstream")
    members: list[MemberOut]
    is_gap: bool = Field(..., description="本区县无本地企业")
    is_weak: bool = Field(..., description="本区县仅一家本地企业")


class ChainMapOut(Schema):
    chain: ChainOut
    region: RegionRef
    coverage: float | None = Field(None, description="有本地企业的末级环节占比（小数）；无末级环节时为空")
    above_scale: int = Field(..., description="链上规上企业数")
    leaders: list[FirmOut]
    firms: list[FirmOut]
    gaps: list[Ref] = Field(..., description="空白环节（末级）")
    weak: list[Ref] = Field(..., description="薄弱环节（末级，仅一家企业）")
    segments: list[SegmentOut]
