"""/api/regions: the divisions whose data the caller may see, and a lookup by code or name."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from zhaoshang.api.context import get_scoped, scoped
from zhaoshang.api.errors import ERROR_RESPONSES, ApiError
from zhaoshang.api.pagination import PageParams, paginate
from zhaoshang.api.schemas.common import REGION_CODE, TEXT
from zhaoshang.api.schemas.regions import RegionFilterParams, RegionOut, RegionPage
from zhaoshang.regions.models import Region

router = Router(tags=["区划"])


class LookupParams(Schema):
    q: str = Field(
        ...,
        min_length=1,
        pattern=TEXT,
        max_length=50,
        description="区划代码、全称或简称，如 500106、沙坪坝区、沙坪坝",
    )


@router.get(
    "", response={200: RegionPage, **ERROR_RESPONSES}, operation_id="regions_list", summary="可见区划列表"
)
def list_regions(request: HttpRequest, filters: Query[RegionFilterParams], page: Query[PageParams]) -> Any:
    """返回调用者可见的行政区划（分页，按代码排序），可按层级、上级区划和名称筛选。参数不符合要求时 422。"""
    rows = scoped(request, Region.objects.select_related("parent"))
    if filters.level:
        rows = rows.filter(level=filters.level.value)
    if filters.parent:
        rows = rows.filter(parent__code=filters.parent)
    if filters.q:
        rows = rows.filter(Q(name__contains=filters.q) | Q(short_name__contains=filters.q))
    return paginate(rows.order_by("code"), page)


@router.get(
    "/lookup",
    response={200: RegionOut, **ERROR_RESPONSES},
    operation_id="regions_lookup",
    summary="按代码或名称查找区划",
)
def lookup(request: HttpRequest, params: Query[LookupParams]) -> Any:
    """按区划代码、全称或简称查找一个区划并返回它。找不到、或不在调用者的数据范围内时 404。"""
    region = scoped(request, Region.objects.select_related("parent")).lookup(params.q)
    if region is None:
        raise ApiError(404, _("找不到区划“%(q)s”，或不在您的权限范围内。") % {"q": params.q})
    return region


@router.get(
    "/{code}", response={200: RegionOut, **ERROR_RESPONSES}, operation_id="regions_detail", summary="区划详情"
)
def get_region(
    request: HttpRequest, code: str = Path(..., pattern=REGION_CODE, description="区划代码")
) -> Any:
    """返回一个区划（代码、名称、层级、上级）。区划不存在或不在调用者的数据范围内时 404。"""
    return get_scoped(request, Region.objects.select_related("parent"), code=code)
