"""/api/enterprises: the firms a user's district deals with (accounts/scoping.py says which)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router

from zhaoshang.api.context import MAX_ID, get_scoped, scoped
from zhaoshang.api.errors import ERROR_RESPONSES
from zhaoshang.api.pagination import PageParams, paginate
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.enterprises import EnterpriseFilterParams, EnterpriseOut, EnterprisePage
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.projects.querysets import region_q

router = Router(tags=["企业"])


@router.get(
    "", response={200: EnterprisePage, **ERROR_RESPONSES}, operation_id="enterprises_list", summary="企业列表"
)
def list_enterprises(
    request: HttpRequest, filters: Query[EnterpriseFilterParams], page: Query[PageParams]
) -> Any:
    """返回调用者数据范围内的企业（分页，按名称排序），可按名称（含曾用名、别名）、注册地区划和是否规上筛选。参
    数不符合要求时 422。
    """
    rows = scoped(request, Enterprise.objects.select_related("region", "industry"))
    if filters.q:
        rows = rows.named(filters.q)
    if filters.region:
        rows = rows.filter(region_q(filters.region))
    if filters.above_scale is not None:
        rows = rows.filter(is_above_scale=filters.above_scale)
    return paginate(rows.order_by("name", "pk"), page)


@router.get(
    "/{int:enterprise_id}",
    response={200: EnterpriseOut, **ERROR_RESPONSES},
    operation_id="enterprises_detail",
    summary="企业详情",
)
def get_enterprise(
    request: HttpRequest, enterprise_id: int = Path(..., ge=1, le=MAX_ID, description=texts.ENTERPRISE_ID)
) -> Any:
    """返回一家企业的统一社会信用代码、名称、曾用名、别名、注册地和行业。企业不存在或不在调用者的数据范围内时
    404。
    """
    return get_scoped(request, Enterprise.objects.select_related("region", "industry"), pk=enterprise_id)
