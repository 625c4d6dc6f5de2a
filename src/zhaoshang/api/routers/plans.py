"""/api/plans: node plans (节点计划), scoped like the user; writes through plans.services (as the pages)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from zhaoshang.accounts.permissions import can_plan, can_update_node
from zhaoshang.api.context import MAX_ID, get_scoped, scoped, user_of
from zhaoshang.api.errors import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, ApiError
from zhaoshang.api.pagination import PageParams, paginate
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.plans import (
    CompleteIn,
    DelayIn,
    NodeFilterParams,
    NodeOut,
    NodePage,
    NodeStateEnum,
    PlanCreateIn,
    PlanOut,
    TemplateOut,
)
from zhaoshang.plans.models import NodeTemplate, Plan, ProjectNode
from zhaoshang.plans.services import PlanError, complete_node, create_plan, record_delay
from zhaoshang.projects.models import Project
from zhaoshang.projects.querysets import region_q
from zhaoshang.projects.services import disclose

router = Router(tags=["节点计划"])

NODE_RELATED = ("project", "project__region", "person")


def _refused(error: PlanError) -> ApiError:
    details: dict[str, list[str]] = {}
    for p in error.problems:
        details.setdefault(p.field or "__all__", []).append(p.message)
    return ApiError(422, str(error), code="plan_rule", details=details)


def _nodes(request: HttpRequest) -> Any:
    return (
        scoped(request, ProjectNode.objects.live())
        .select_related(*NODE_RELATED)
        .prefetch_related("depends_on")
    )


def _disclosed(request: HttpRequest, nodes: list[ProjectNode]) -> list[ProjectNode]:
    user = user_of(request)
    for node in nodes:
        disclose(node.project, user)
    return nodes


@router.get(
    "/nodes",
    response={200: NodePage, **ERROR_RESPONSES},
    operation_id="plans_nodes",
    summary="节点列表（默认未完成；可按逾期、本周到期、区划、项目筛选）",
)
def list_nodes(request: HttpRequest, filters: Query[NodeFilterParams], page: Query[PageParams]) -> Any:
    """返回调用者数据范围内的节点计划节点（分页，按计划完成日期排序），默认只列未完成的，可按逾期、本周到期、已
    完成、区划、项目和本人负责筛选；无权查看的保密项目以项目代号显示。参数不符合要求时 422。
    """
    today = timezone.localdate()
    rows = _nodes(request)
    if filters.state == NodeStateEnum.OPEN:
        rows = rows.open()
    elif filters.state == NodeStateEnum.OVERDUE:
        rows = rows.overdue(today)
    elif filters.state == NodeStateEnum.WEEK:
        rows = rows.due_between(today, today + timedelta(days=6 - today.weekday()))
    elif filters.state == NodeStateEnum.DONE:
        rows = rows.filter(actual_on__isnull=False)
    if filters.region:
        rows = rows.filter(region_q(filters.region, "project__"))
    if filters.project_id:
        rows = rows.filter(project_id=filters.project_id)
    if filters.mine:
        rows = rows.filter(person=user_of(request))
    result = paginate(rows.order_by("planned_on", "project_id", "order", "pk"), page)
    result["items"] = _disclosed(request, result["items"])
    return result


def _plan_of(request: HttpRequest, project: Project) -> dict[str, Any]:
    plan = Plan.objects.filter(project=project).select_related("template").first()
    if plan is None:
        raise ApiError(404, _("该项目还没有节点计划。"), code="no_plan")
    nodes = _disclosed(request, list(_nodes(request).filter(project=project).order_by("order", "pk")))
    return {
        "project": {"id": project.pk, "name": project.title},
        "template": {"id": plan.template.pk, "name": plan.template.name} if plan.template else None,
        "start_on": plan.start_on,
        "nodes": nodes,
    }


@router.get(
    "/projects/{int:project_id}",
    response={200: PlanOut, **ERROR_RESPONSES},
    operation_id="plans_detail",
    summary="项目的节点计划",
)
def get_plan(
    request: HttpRequest, project_id: int = Path(..., ge=1, le=MAX_ID, description=texts.PROJECT_ID)
) -> Any:
    """返回一个项目的节点计划：所用模板、计划开工日期和各节点（计划与实际完成日期、逾期天数、负责人）。项目不在
    数据范围内时 404，项目还没有节点计划时 404（code 为 no_plan）。
    """
    project = get_scoped(request, Project.objects.select_related("region"), pk=project_id)
    return _plan_of(request, project)


@router.post(
    "/projects/{int:project_id}",
    response={201: PlanOut, **WRITE_ERROR_RESPONSES},
    operation_id="plans_create",
    summary="为已签约项目生成节点计划（按模板排期；计划开工日期过早时 422）",
)
def create(
    request: HttpRequest,
    payload: PlanCreateIn,
    project_id: int = Path(..., ge=1, le=MAX_ID, description=texts.PROJECT_ID),
) -> Any:
    """按节点模板为已签约项目生成节点计划，返回该计划（201）。项目不在数据范围内时
    404；无权为该项目制定计划时 403；模板不存在或未启用、项目未签约、已有计划或计划开工日期过早时
    422（code 为 plan_rule，按字段说明）。
    """
    user = user_of(request)
    project = get_scoped(request, Project.objects.select_related("region"), pk=project_id)
    if not can_plan(user, project):
        raise ApiError(403, _("您无权为此项目制定节点计划。"))
    template = None
    if payload.template_id:
        template = (
            scoped(request, NodeTemplate.objects.filter(is_active=True))
            .filter(pk=payload.template_id)
            .first()
        )
        if template is None:
            raise ApiError(
                422, _("节点模板不存在或未启用。"), details={"template_id": [_("节点模板不存在或未启用。")]}
            )
    try:
        create_plan(project=project, user=user, template=template, start_on=payload.start_on)
    except PlanError as error:
        raise _refused(error) from error
    return Status(201, _plan_of(request, project))


def _writable(request: HttpRequest, node_id: int) -> ProjectNode:
    node = get_scoped(request, ProjectNode.objects.live().select_related(*NODE_RELATED), pk=node_id)
    if not can_update_node(user_of(request), node):
        raise ApiError(403, _("您无权更新此节点。"))
    return node


def _node_out(request: HttpRequest, node_id: int) -> ProjectNode:
    return _disclosed(request, [_nodes(request).get(pk=node_id)])[0]


@router.post(
    "/nodes/{int:node_id}/complete",
    response={200: NodeOut, **WRITE_ERROR_RESPONSES},
    operation_id="plans_complete",
    summary="完成节点（前置节点须已完成；否则 422 并说明哪一个）",
)
def complete(
    request: HttpRequest,
    payload: CompleteIn,
    node_id: int = Path(..., ge=1, le=MAX_ID, description=texts.NODE_ID),
) -> Any:
    """把一个节点记为完成（实际完成日期与佐证说明），返回该节点。节点不在数据范围内时 404；无权更新该节点时
    403；前置节点未完成、日期早于前置节点或晚于今天时 422（code 为
    plan_rule，说明是哪一个）。
    """
    node = _writable(request, node_id)
    try:
        complete_node(
            node=node, on=payload.actual_on, evidence_note=payload.evidence_note, user=user_of(request)
        )
    except PlanError as error:
        raise _refused(error) from error
    return _node_out(request, node.pk)


@router.post(
    "/nodes/{int:node_id}/delay",
    response={200: NodeOut, **WRITE_ERROR_RESPONSES},
    operation_id="plans_delay",
    summary="记录节点的延期原因",
)
def delay(
    request: HttpRequest,
    payload: DelayIn,
    node_id: int = Path(..., ge=1, le=MAX_ID, description=texts.NODE_ID),
) -> Any:
    """记录一个节点的延期原因，返回该节点。节点不在数据范围内时 404；无权更新该节点时 403；原因为空时
    422。
    """
    node = _writable(request, node_id)
    try:
        record_delay(node=node, reason=payload.delay_reason, user=user_of(request))
    except PlanError as error:
        raise _refused(error) from error
    return _node_out(request, node.pk)


@router.get(
    "/templates",
    response={200: list[TemplateOut], **ERROR_RESPONSES},
    operation_id="plans_templates",
    summary="可用的节点模板（全市默认与本区县的）及其节点",
)
def templates(request: HttpRequest) -> Any:
    """返回调用者可用的节点模板：全市默认模板与本区县的模板，各含其节点（锚点、天数、前置节点、佐证材料、对应台
    账阶段）。
    """
    rows = scoped(request, NodeTemplate.objects.select_related("region"))
    return list(rows.prefetch_related("nodes__depends_on").order_by("region__code", "project_type", "pk"))
