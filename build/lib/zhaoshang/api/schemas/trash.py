"""Query parameters of the delete and restore operations (the recycle bin, records/trash.py)."""

from __future__ import annotations

from ninja import Field, Schema

from zhaoshang.api.schemas.common import TEXT


class DeleteParams(Schema):
    reason: str = Field(
        ..., min_length=1, max_length=200, pattern=TEXT, description="删除理由（必填，记入修改历史）"
    )
    amendment_reason: str = Field(
        "", max_length=500, pattern=TEXT, description="更正理由：删除会改变已报送（锁定）期间的数字时必填"
    )


class RestoreParams(Schema):
    amendment_reason: str = Field(
        "", max_length=500, pattern=TEXT, description="更正理由：恢复会改变已报送（锁定）期间的数字时必填"
    )
