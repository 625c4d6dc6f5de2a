"""Intake schemas: documents taken in, the facts extracted from them and their live fact check."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas.common import REGION_CODE, TEXT, RegionRef
from zhaoshang.intake.models import FactStatus

FactStatusEnum = FactStatus  # the model's choices are the API's enum


class ReviewActionEnum(StrEnum):
    """What a reviewer does with a fact."""

    ACCEPT = "accept"
    REJECT = "reject"


class DocumentOut(Schema):
    id: int
    title: str
    source: str
    author: str
    url: str
    published_on: date | None = None
    format: str
    region: RegionRef | None = Field(None, description="所述区划")
    period: str
    length: int
    created_at: datetime
    n_facts: int = 0
    n_pending: int = 0
    n_accepted: int = 0


class CheckOut(Schema):
    verdict: str = Field(..., description="consistent / inconsistent / not_comparable")
    symbol: str
    claimed: str
    admitted_text: str = Field(..., description="措辞所容许的范围")
    ledger_value: float | None = None
    ledger_text: str
    metric: str
    link: str
    note: str

    @staticmethod
    def resolve_ledger_value(obj: Any) -> float | None:
        return float(obj.ledger_value) if obj.ledger_value is not None else None


class FactOut(Schema):
    id: int
    key: str
    type: str
    label: str
    value: float
    range_high: float | None = None
    text: str = Field(..., description="原文数字（或审核人更正后的写法）")
    original_text: str
    currency: str
    unit_text: str
    qualifier: str
    scope: str
    region_code: str
    region_name: str
    period: str
    span_start: int
    span_end: int
    sentence: str
    status: str
    reviewed_at: datetime | None = None
    check: CheckOut | None = Field(None, description="与台账的实时核对（仅已采纳的事实）")

    @staticmethod
    def resolve_value(obj: Any) -> float:
        return float(obj.value)

    @staticmethod
    def resolve_range_high(obj: Any) -> float | None:
        return float(obj.range_high) if obj.range_high is not None else None

    @staticmethod
    def resolve_check(obj: Any) -> Any:
        return getattr(obj, "live_check", None)


class CheckSummary(Schema):
    consistent: int
    inconsistent: int
    not_comparable: int


class DocumentDetailOut(DocumentOut):
    text: str
    near_duplicate_of: int | None = Field(None, description="相近的已有文档（仅当在您的权限范围内）")
    similarity: float | None = None
    facts: list[FactOut]
    summary: CheckSummary


class DocumentPage(Page[DocumentOut]):
    pass


class DocumentFilterParams(Schema):
    region: str | None = Field(None, pattern=REGION_CODE, description="所述区划代码；市级代码包含其下各区县")
    status: FactStatusEnum | None = Field(None, description="只看含此状态事实的文档")


class ReviewIn(Schema):
    model_config = ConfigDict(extra="forbid")

    action: ReviewActionEnum = Field(..., description="accept（采纳）或 reject（驳回）")


class DocumentIn(Schema):
    """A document taken in: pasted `text`, or (multipart) the metadata sent beside an uploaded `file`.

    Whatever is given here replaces what the file or the text itself says (title, source, date, region).
    """

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(
        None, min_length=1, pattern=TEXT, description="粘贴的正文（与上传文件二选一；UTF-8 不超过 10 MB）"
    )
    title: str | None = Field(
        None, max_length=300, pattern=TEXT, description="标题；不填则取文件或正文中的标题"
    )
    source: str | None = Field(None, max_length=200, pattern=TEXT, description="来源（发布媒体或机构）")
    url: str | None = Field(None, max_length=500, pattern=TEXT, description="原文网址")
    published_on: date | None = Field(
        None, description="发布日期；不填则取文件或正文中的日期，“上半年”等按其年份理解"
    )
    region: str | None = Field(
        None, pattern=REGION_CODE, description="所述区划代码；不填则取正文所述区划。须在您的管辖范围内"
    )


class FactCorrectionIn(Schema):
    """A reviewer's correction of a fact, as on the review page; the fact is accepted with it."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(
        None,
        max_length=100,
        pattern=TEXT,
        description="更正后的数字，照原文写法填写，如“超320亿元”“近40%”“50个”",
    )
    region: str | None = Field(None, max_length=50, pattern=TEXT, description="区划代码或名称，如 500106")
    period: str | None = Field(None, max_length=30, pattern=TEXT, description="期间，如 2022H1、2022")
