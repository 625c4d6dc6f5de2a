"""Intake schemas: documents taken in, the facts extracted from them and their live fact check."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from zhaoshang.api.pagination import Page
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.common import REGION_CODE, TEXT, RegionRef
from zhaoshang.intake.models import FactStatus

FactStatusEnum = FactStatus  # the model's choices are the API's enum


class ReviewActionEnum(StrEnum):
    """What a reviewer does with a fact."""

    ACCEPT = "accept"
    REJECT = "reject"


class DocumentOut(Schema):
    id: int = Field(..., description=texts.DOCUMENT_ID)
    title: str = Field(..., description="标题")
    source: str = Field(..., description="来源（发布媒体或机构）")
    author: str = Field(..., description="作者")
    url: str = Field(..., description="原文网址")
    published_on: date | None = Field(None, description="发布日期；空：未识别")
    format: str = Field(..., description="原文格式：txt、html、docx 或 paste（粘贴）")
    region: RegionRef | None = Field(None, description="所述区划")
    period: str = Field(..., description=texts.DOCUMENT_PERIOD)
    length: int = Field(..., description="正文字数")
    created_at: datetime = Field(..., description="录入时间（ISO 8601，含时区）")
    n_facts: int = Field(0, description="提取出的事实数")
    n_pending: int = Field(0, description="待审核的事实数")
    n_accepted: int = Field(0, description="已采纳的事实数")


class CheckOut(Schema):
    verdict: str = Field(
        ..., description="核对结论：consistent 一致、inconsistent 不一致、not_comparable 无法比较"
    )
    symbol: str = Field(..., description="结论符号：✓ 一致、✗ 不一致、– 无法比较")
    claimed: str = Field(..., description="文档中的写法")
    admitted_text: str = Field(..., description="措辞所容许的范围")
    ledger_value: float | None = Field(None, description="台账的数值（金额为元，比率为小数）；空：台账无此数")
    ledger_text: str = Field(..., description="台账数值的写法，如“320.50亿元”")
    metric: str = Field(..., description="所比较的台账指标")
    link: str = Field(..., description="台账中对应记录的页面地址")
    note: str = Field(..., description="说明（如无法比较的原因）")

    @staticmethod
    def resolve_ledger_value(obj: Any) -> float | None:
        return float(obj.ledger_value) if obj.ledger_value is not None else None


class FactOut(Schema):
    id: int = Field(..., description=texts.FACT_ID)
    key: str = Field(..., description="文档内的编号，如 f1")
    type: str = Field(..., description="类型，如 amount 金额、count 数量、share 占比、completion 完成率")
    label: str = Field(..., description="指标，如 签约项目数、合同投资额")
    value: float = Field(..., description="数值（金额为元，比率为小数）")
    range_high: float | None = Field(None, description="区间上限（原文为区间时）")
    text: str = Field(..., description="原文数字（或审核人更正后的写法）")
    original_text: str = Field(..., description="更正前的原文写法；空：未更正")
    currency: str = Field(..., description="币种：CNY 或 USD；空：非金额")
    unit_text: str = Field(..., description="原文单位，如 亿元、个、%")
    qualifier: str = Field(..., description="限定词：超、近、约 等；空：无")
    scope: str = Field(..., description="口径，如 manufacturing 制造业；空：全部")
    region_code: str = Field(..., description="所述区划代码；空：未确定")
    region_name: str = Field(..., description="所述区划名称")
    period: str = Field(..., description="所述期间代码；空：未确定")
    span_start: int = Field(..., description="在正文中的起始位置（字符）")
    span_end: int = Field(..., description="在正文中的结束位置（字符）")
    sentence: str = Field(..., description="所在句子")
    status: str = Field(..., description=texts.FACT_STATUS)
    reviewed_at: datetime | None = Field(None, description="审核时间；空：未审核")
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
    consistent: int = Field(..., description="一致的事实数")
    inconsistent: int = Field(..., description="不一致的事实数")
    not_comparable: int = Field(..., description="无法比较的事实数")


class DocumentDetailOut(DocumentOut):
    text: str = Field(..., description="正文")
    near_duplicate_of: int | None = Field(None, description="相近的已有文档（仅当在您的权限范围内）")
    similarity: float | None = Field(
        None, description="与相近文档的相似度（0–1）；空：无相近文档或不在您的权限范围内"
    )
    facts: list[FactOut] = Field(..., description="提取出的事实（数字），按在正文中的位置")
    summary: CheckSummary = Field(..., description="已采纳事实的核对结论计数")


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
