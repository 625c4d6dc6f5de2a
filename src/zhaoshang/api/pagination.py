"""limit/offset pagination with the total count, the same envelope on every list."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema

from zhaoshang.api.schemas import texts

T = TypeVar("T")
MAX_LIMIT = 200


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=texts.LIMIT)
    offset: int = Field(0, ge=0, le=10_000_000, description=texts.OFFSET)


class Page(Schema, Generic[T]):
    items: list[T] = Field(..., description=texts.ITEMS)
    total: int = Field(..., description="符合条件的总条数")
    limit: int = Field(..., description=texts.LIMIT)
    offset: int = Field(..., description=texts.OFFSET)


def paginate(qs: QuerySet[Any], params: PageParams) -> dict[str, Any]:
    return {
        "items": list(qs[params.offset : params.offset + params.limit]),
        "total": qs.count(),
        "limit": params.limit,
        "offset": params.offset,
    }
