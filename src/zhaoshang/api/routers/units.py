"""/api/units: responsible units, scoped like the user (a unit user sees only their own unit); writes by
administrators through units.services, as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from zhaoshang.accounts.permissions import can_edit_unit, can_manage_units
from zhaoshang.api.auth import UNIT_AUTH
from zhaoshang.api.context import MAX_ID, get_scoped, scoped, user_of
from zhaoshang.api.errors import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, ApiError
from zhaoshang.api.pagination import PageParams, paginate
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.units import UnitCreateIn, UnitDetailOut, UnitFilterParams, UnitPage, UnitUpdateIn
from zhaoshang.projects.querysets import region_q
from zhaoshang.regions.models import Level, Region
from zhaoshang.units.models import ResponsibleUnit
from zhaoshang.units.services import UnitError, create_unit, update_unit

# Unit users are admitted: scoping gives them their own unit only, and the writes refuse them.
router = Router(tags=["责任单位"], auth=UNIT_AUTH)


def _refused(exc: UnitError) -> ApiError:
    details: dict[str, list[str]] = {}
    for problem in exc.problems:
        details.setdefault(problem.field or "__all__", []).append(problem.message)
    return ApiError(422, _("责任单位信息有误。"), details=details)


@router.get(
    "", response={200: UnitPage, **ERROR_RESPONSES}, operation_id="units_list", summary="责任单位列表"
)
def list_units(request: HttpRequest, filters: Query[UnitFilterParams], page: Query[PageParams]) -> Any:
    """返回调用者数据范围内的责任单位（分页），可按区划、类别和是否启用筛选；责任单位账号只看到本单位。参数不符
    合要求时 422。
    """
    rows = scoped(request, ResponsibleUnit.objects.select_related("region"))
    if filters.region:
        rows = rows.filter(region_q(filters.region))
    if filters.kind:
        rows = rows.filter(kind=filters.kind.value)
    if filters.active is not None:
        rows = rows.filter(is_active=filters.active)
    return paginate(rows.order_by("region__code", "kind", "name", "pk"), page)


@router.get(
    "/{int:unit_id}",
    response={200: UnitDetailOut, **ERROR_RESPONSES},
    operation_id="units_detail",
    summary="责任单位详情（含成员）",
)
def get_unit(
    request: HttpRequest, unit_id: int = Path(..., ge=1, le=MAX_ID, description=texts.UNIT_ID)
) -> Any:
    """返回一个责任单位及其成员（负责人在前）。单位不存在或不在调用者的数据范围内时 404。"""
    return get_scoped(request, ResponsibleUnit.objects.select_related("region"), pk=unit_id)


@router.post(
    "",
    response={201: UnitDetailOut, **WRITE_ERROR_RESPONSES},
    operation_id="units_create",
    summary="新建责任单位（区县管理员、市级管理员）",
)
def create(request: HttpRequest, payload: UnitCreateIn) -> Any:
    """新建一个责任单位，返回其详情（201）。调用者不是区县管理员或市级管理员、或区县不在其管辖范围内时
    403；区县代码不存在或名称等有误（如同区县重名）时 422。
    """
    user = user_of(request)
    if not can_manage_units(user):
        raise ApiError(403, _("只有区县管理员或市级管理员可以管理责任单位。"))
    region = Region.objects.filter(code=payload.region, level=Level.COUNTY).first()
    if region is None:
        raise ApiError(
            422,
            _("区县代码“%(code)s”不存在。") % {"code": payload.region},
            details={"region": [_("区县代码不存在。")]},
        )
    if not can_manage_units(user, region):
        raise ApiError(403, _("不能在您管辖范围以外的区县新建责任单位。"))
    try:
        unit = create_unit(
            region=region,
            name=payload.name,
            short_name=payload.short_name,
            kind=payload.kind.value,
            is_active=payload.is_active,
            actor=user,
        )
    except UnitError as exc:
        raise _refused(exc) from exc
    return Status(201, unit)


@router.patch(
    "/{int:unit_id}",
    response={200: UnitDetailOut, **WRITE_ERROR_RESPONSES},
    operation_id="units_update",
    summary="修改责任单位（名称、简称、类别、启用）",
)
def update(
    request: HttpRequest,
    payload: UnitUpdateIn,
    unit_id: int = Path(..., ge=1, le=MAX_ID, description=texts.UNIT_ID),
) -> Any:
    """修改一个责任单位（名称、简称、类别、启用），只改所传字段，返回其详情。单位不在数据范围内时
    404；无权管理时 403；字段有误时 422。
    """
    unit = get_scoped(request, ResponsibleUnit.objects.select_related("region"), pk=unit_id)
    if not can_edit_unit(user_of(request), unit):
        raise ApiError(403, _("只有区县管理员或市级管理员可以管理责任单位。"))
    fields = payload.dict(exclude_none=True)
    if "kind" in fields:
        fields["kind"] = payload.kind.value if payload.kind else unit.kind
    try:
        return update_unit(unit, actor=user_of(request), **fields)
    except UnitError as exc:
        raise _refused(exc) from exc
