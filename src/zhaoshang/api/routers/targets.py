"""/api/targets: annual targets; who may set which level is accounts.permissions.can_manage_targets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from zhaoshang.accounts.permissions import can_manage_targets
from zhaoshang.api.context import MAX_ID, get_scoped, scoped, user_of
from zhaoshang.api.errors import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, ApiError
from zhaoshang.api.pagination import PageParams, paginate
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.targets import (
    TargetCreateIn,
    TargetFilterParams,
    TargetOut,
    TargetPage,
    TargetUpdateIn,
)
from zhaoshang.projects.querysets import region_q
from zhaoshang.regions.models import Region
from zhaoshang.targets.models import Target
from zhaoshang.targets.registry import METRICS, check_scope
from zhaoshang.targets.value_rules import value_problem

router = Router(tags=["目标与考核"])


@router.get(
    "", response={200: TargetPage, **ERROR_RESPONSES}, operation_id="targets_list", summary="目标列表"
)
def list_targets(request: HttpRequest, filters: Query[TargetFilterParams], page: Query[PageParams]) -> Any:
    """返回调用者数据范围内的年度目标（分页），可按区划（市级代码含下辖区县）、年度、指标和层级筛选。参数不符合
    要求时 422。
    """
    rows = scoped(request, Target.objects.select_related("region"))
    if filters.region:
        rows = rows.filter(region_q(filters.region))
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.metric:
        rows = rows.filter(metric=filters.metric.value)
    if filters.level:
        rows = rows.filter(level=filters.level.value)
    return paginate(rows.order_by("region__code", "year", "metric", "level", "pk"), page)


@router.get(
    "/{int:target_id}",
    response={200: TargetOut, **ERROR_RESPONSES},
    operation_id="targets_detail",
    summary="目标详情",
)
def get_target(
    request: HttpRequest, target_id: int = Path(..., ge=1, le=MAX_ID, description=texts.TARGET_ID)
) -> Any:
    """返回一个年度目标。目标不存在或不在调用者的数据范围内时 404。"""
    return get_scoped(request, Target.objects.select_related("region"), pk=target_id)


@router.post(
    "", response={201: TargetOut, **WRITE_ERROR_RESPONSES}, operation_id="targets_create", summary="新建目标"
)
def create_target(request: HttpRequest, payload: TargetCreateIn) -> Any:
    """新建一个年度目标，返回该目标（201）。区划不存在或不在数据范围内时
    404；无权设定该层级（市级任务由市级管理员设定）时 403；口径无法识别或目标值不符合指标单位时
    422；同一区划、年度、指标、口径和层级的目标已存在时 409。
    """
    region = get_scoped(request, Region.objects.all(), code=payload.region)
    if not can_manage_targets(user_of(request), region, payload.level.value):
        raise ApiError(403, _("您无权设定该层级的目标。"))
    try:
        check_scope(payload.scope)
    except ValueError as exc:
        raise ApiError(422, str(exc), details={"scope": [str(exc)]}) from exc
    refuse_value(payload.metric.value, payload.value)
    target = Target(
        region=region,
        year=payload.year,
        metric=payload.metric.value,
        scope=payload.scope,
        level=payload.level.value,
        value=payload.value,
    )
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError as exc:
        raise ApiError(409, _("该区划、年度、指标、口径和层级的目标已存在。")) from exc
    return Status(201, target)


@router.patch(
    "/{int:target_id}",
    response={200: TargetOut, **WRITE_ERROR_RESPONSES},
    operation_id="targets_update",
    summary="修改目标值",
)
def update_target(
    request: HttpRequest,
    payload: TargetUpdateIn,
    target_id: int = Path(..., ge=1, le=MAX_ID, description=texts.TARGET_ID),
) -> Any:
    """修改一个目标的目标值，返回修改后的目标。目标不在数据范围内时 404；无权修改该层级时
    403；目标值不符合指标单位时 422。
    """
    target = get_scoped(request, Target.objects.select_related("region"), pk=target_id)
    if not can_manage_targets(user_of(request), target.region, target.level):
        raise ApiError(403, _("您无权修改该层级的目标。"))
    refuse_value(target.metric, payload.value)
    target.value = payload.value
    target.save(update_fields=["value"])
    return target


def refuse_value(metric: str, value: Decimal) -> None:
    """The target value rule of the form and the import, as a 422 naming the field."""
    problem = value_problem(METRICS[metric].unit, value)
    if problem:
        raise ApiError(422, problem, details={"value": [problem]})
