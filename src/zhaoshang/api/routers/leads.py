"""/api/leads: the lead CRM, scoped like the user; writes through leads.services (as the lead pages)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from zhaoshang.accounts.permissions import can_create_lead, can_edit_lead
from zhaoshang.api import deletion, project_forms
from zhaoshang.api.context import MAX_ID, get_scoped, scoped, user_of
from zhaoshang.api.errors import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, ApiError
from zhaoshang.api.pagination import PageParams, paginate
from zhaoshang.api.routers.projects import _detail as project_detail
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.leads import (
    ConvertIn,
    LeadCreateIn,
    LeadDetailOut,
    LeadFilterParams,
    LeadPage,
    VisitIn,
)
from zhaoshang.api.schemas.projects import ProjectDetailOut
from zhaoshang.api.schemas.trash import DeleteParams, RestoreParams
from zhaoshang.enterprises.services import find_or_create_enterprise
from zhaoshang.leads.forms import LeadForm
from zhaoshang.leads.models import Lead
from zhaoshang.leads.services import (
    DuplicateLead,
    LeadError,
    convert_to_project,
    create_lead,
    log_visit,
)
from zhaoshang.projects.querysets import region_q
from zhaoshang.projects.services import StageError
from zhaoshang.regions.models import Region

router = Router(tags=["招商线索"])

RELATED = ("enterprise", "region", "segment", "owner", "project")


def _detail(request: HttpRequest, lead_id: int) -> Lead:
    return get_scoped(request, Lead.objects.select_related(*RELATED), pk=lead_id)


def _writable(request: HttpRequest, lead_id: int) -> Lead:
    """A lead within reach (else 404) that the caller may work on (else 403: leaders read only, an officer
    works on their own leads)."""
    lead = _detail(request, lead_id)
    if not can_edit_lead(user_of(request), lead):
        raise ApiError(403, _("您无权修改此线索。"))
    return lead


@router.get(
    "", response={200: LeadPage, **ERROR_RESPONSES}, operation_id="leads_list", summary="招商线索列表"
)
def list_leads(request: HttpRequest, filters: Query[LeadFilterParams], page: Query[PageParams]) -> Any:
    """返回调用者数据范围内的招商线索（分页，按下一步工作日期排序），可按阶段、逾期和区划筛选。参数不符合要求时
    422。
    """
    rows = scoped(request, Lead.objects.select_related(*RELATED))
    if filters.stage:
        rows = rows.filter(stage=filters.stage.value)
    if filters.overdue:
        rows = rows.overdue()
    if filters.region:
        rows = rows.filter(region_q(filters.region))
    return paginate(rows.order_by("next_action_on", "-created_at", "pk"), page)


@router.get(
    "/{int:lead_id}",
    response={200: LeadDetailOut, **ERROR_RESPONSES},
    operation_id="leads_detail",
    summary="线索详情（含走访记录）",
)
def get_lead(
    request: HttpRequest, lead_id: int = Path(..., ge=1, le=MAX_ID, description=texts.LEAD_ID)
) -> Any:
    """返回一条线索及其走访记录；转化后的项目若为无权查看的保密项目则不显示。线索不存在、已删除或不在调用者的数
    据范围内时 404。
    """
    return _detail(request, lead_id)


@router.post(
    "",
    response={201: LeadDetailOut, **WRITE_ERROR_RESPONSES},
    operation_id="leads_create",
    summary="新建线索（同一企业在同一区县只能有一条，重复时 409 并给出已有线索）",
)
def create(request: HttpRequest, payload: LeadCreateIn) -> Any:
    """录入一条线索，返回其详情（201）；企业按名称、曾用名或别名匹配，没有的将新建。区县不存在时
    422；不在调用者管辖范围内时 403；字段有误时 422；该企业在本区县已有线索时 409（code
    为 duplicate_lead，details 给出已有线索的 ID）。
    """
    user = user_of(request)
    if not can_create_lead(user):
        raise ApiError(403, _("您的角色不能录入线索。"))
    region = Region.objects.filter(code=payload.region).first()
    if region is None:
        raise ApiError(
            422,
            _("区划代码“%(code)s”不存在。") % {"code": payload.region},
            details={"region": [_("区划代码不存在。")]},
        )
    if not can_create_lead(user, region):
        raise ApiError(403, _("不能在您管辖范围以外的区县录入线索。"))
    data = {
        "enterprise_name": payload.enterprise_name,
        "region": region.pk,
        "source": payload.source.value,
        "stage": payload.stage.value,
        "segment": payload.segment_id or "",
        "owner": payload.owner_id or user.pk,
        "next_action": payload.next_action,
        "next_action_on": payload.next_action_on.isoformat() if payload.next_action_on else "",
        "notes": payload.notes,
    }
    form = LeadForm(project_forms.as_query_dict(data), user=user)
    if not form.is_valid():
        raise ApiError(422, _("线索信息有误。"), details=project_forms.form_errors(form))
    fields = {k: v for k, v in form.cleaned_data.items() if k not in ("enterprise_name", "region")}
    try:
        with transaction.atomic():  # a new enterprise is created only if the lead is
            enterprise = find_or_create_enterprise(form.cleaned_data["enterprise_name"])
            lead = create_lead(enterprise=enterprise, region=form.cleaned_data["region"], user=user, **fields)
    except DuplicateLead as exc:
        raise ApiError(
            409, str(exc), code="duplicate_lead", details={"existing_id": exc.existing.pk}
        ) from exc
    return Status(201, _detail(request, lead.pk))


@router.post(
    "/{int:lead_id}/visits",
    response={201: LeadDetailOut, **WRITE_ERROR_RESPONSES},
    operation_id="leads_visit",
    summary="记录走访（推进线索阶段）",
)
def visit(
    request: HttpRequest,
    payload: VisitIn,
    lead_id: int = Path(..., ge=1, le=MAX_ID, description=texts.LEAD_ID),
) -> Any:
    """为线索记录一次走访并按走访推进线索阶段，返回线索详情（201）。线索不在数据范围内时
    404；无权修改该线索（领导只读，招商专员只能改自己的线索）时
    403；线索已转化或已放弃、或走访日期晚于今天时 409（code 为 lead_rule）。
    """
    lead = _writable(request, lead_id)
    try:
        log_visit(
            lead=lead,
            user=user_of(request),
            kind=payload.kind.value,
            visited_on=payload.visited_on,
            summary=payload.summary,
            people=payload.people,
            outcome=payload.outcome,
            next_action=payload.next_action,
            next_action_on=payload.next_action_on,
        )
    except LeadError as exc:
        raise ApiError(409, str(exc), code="lead_rule") from exc
    return Status(201, _detail(request, lead.pk))


@router.post(
    "/{int:lead_id}/convert",
    response={201: ProjectDetailOut, **WRITE_ERROR_RESPONSES},
    operation_id="leads_convert",
    summary="转化为台账项目（洽谈阶段）",
)
def convert(
    request: HttpRequest,
    payload: ConvertIn,
    lead_id: int = Path(..., ge=1, le=MAX_ID, description=texts.LEAD_ID),
) -> Any:
    """把线索转化为台账项目（洽谈阶段），返回新项目的详情（201）。线索不在数据范围内时
    404；无权修改该线索时 403；线索已转化或已放弃时 409（code 为
    lead_rule）；项目信息不符合台账规则时 422。
    """
    lead = _writable(request, lead_id)
    try:
        project = convert_to_project(lead=lead, name=payload.name, user=user_of(request), on=payload.on)
    except LeadError as exc:
        raise ApiError(409, str(exc), code="lead_rule") from exc
    except StageError as exc:
        raise ApiError(422, str(exc)) from exc
    return Status(201, project_detail(request, project.pk))


@router.delete(
    "/{int:lead_id}",
    response={204: None, **WRITE_ERROR_RESPONSES},
    operation_id="leads_delete",
    summary="删除线索（移入回收站，须填删除理由）",
)
def delete(
    request: HttpRequest,
    params: Query[DeleteParams],
    lead_id: int = Path(..., ge=1, le=MAX_ID, description=texts.LEAD_ID),
) -> Any:
    """把线索移入回收站（可恢复），须填删除理由，记入修改历史；成功时 204，无响应体。线索不在数据范围内时
    404；调用者不是区县管理员或市级管理员时 403；删除理由不符合要求时 422。
    """
    deletion.delete(request, _detail(request, lead_id), params)
    return Status(204, None)


@router.post(
    "/{int:lead_id}/restore",
    response={200: LeadDetailOut, **WRITE_ERROR_RESPONSES},
    operation_id="leads_restore",
    summary="从回收站恢复线索（该企业在本区县已有线索时 409）",
)
def restore(
    request: HttpRequest,
    params: Query[RestoreParams],
    lead_id: int = Path(..., ge=1, le=MAX_ID, description=texts.LEAD_ID),
) -> Any:
    """把回收站中的线索恢复，返回线索详情。线索不存在或不在数据范围内时
    404；调用者不是区县管理员或市级管理员时 403；线索没有被删除时 409（code 为
    not_deleted）；该企业在本区县已有线索时 409（code 为
    restore_conflict）。
    """
    deletion.restore(request, Lead.all_objects.all(), lead_id, params)
    return _detail(request, lead_id)
