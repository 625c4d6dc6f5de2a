"""/api/projects: the ledger, filtered exactly like the ledger page, scoped like the user."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from zhaoshang.accounts.permissions import can_change_stage, can_create_project, can_edit_project
from zhaoshang.api import deletion, project_forms
from zhaoshang.api.context import MAX_ID, get_scoped, scoped, user_of
from zhaoshang.api.errors import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, ApiError
from zhaoshang.api.pagination import PageParams, paginate
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.projects import (
    ProjectCreateIn,
    ProjectDetailOut,
    ProjectFilterParams,
    ProjectPage,
    ProjectUpdateIn,
    StageChangeIn,
)
from zhaoshang.api.schemas.trash import DeleteParams, RestoreParams
from zhaoshang.projects.filters import ProjectFilter
from zhaoshang.projects.forms import ProjectForm
from zhaoshang.projects.models import Project
from zhaoshang.projects.services import ConcurrentEdit, StageError, change_stage, create_project, save_edit
from zhaoshang.regions.models import Region

router = Router(tags=["项目台账"])

RELATED = ("region", "direction", "park", "owner", "industry")


def _detail(request: HttpRequest, project_id: int) -> Project:
    return get_scoped(request, Project.objects.select_related(*RELATED), pk=project_id)


@router.get(
    "",
    response={200: ProjectPage, **ERROR_RESPONSES},
    operation_id="projects_list",
    summary="项目台账（与台账页面相同的筛选）",
)
def list_projects(request: HttpRequest, filters: Query[ProjectFilterParams], page: Query[PageParams]) -> Any:
    """返回台账中符合筛选条件的项目（分页），以及全部符合条件项目的合同投资额合计（元）。筛选与台账页面相同；只
    含调用者数据范围内的项目（市级管理员：全市），已删除的项目不列出，无权查看的保密项目以项目代号显示。筛选
    条件有误时 400，参数不符合要求时 422。
    """
    base = scoped(request, Project.objects.all())
    filterset = ProjectFilter(filters.as_filter_data(), queryset=base, request=request)
    if not filterset.is_valid():
        raise ApiError(400, _("筛选条件有误。"), details=project_forms.form_errors(filterset))
    rows = filterset.qs
    result = paginate(rows.select_related(*RELATED).prefetch_related("investors"), page)
    result["contract_investment_total"] = rows.aggregate(total=Sum("contract_investment"))["total"] or 0
    return result


@router.get(
    "/{int:project_id}",
    response={200: ProjectDetailOut, **ERROR_RESPONSES},
    operation_id="projects_detail",
    summary="项目详情（含阶段变更记录）",
)
def get_project(
    request: HttpRequest, project_id: int = Path(..., ge=1, le=MAX_ID, description=texts.PROJECT_ID)
) -> Any:
    """返回一个项目的全部字段、所属产业链环节和阶段变更记录。项目不存在、已删除或不在调用者的数据范围内时一律
    404（不说明是哪一种）；无权查看的保密项目隐去名称、投资方和备注。
    """
    return _detail(request, project_id)


def _refuse_foreign_region(request: HttpRequest, code: str | None) -> None:
    region = Region.objects.filter(code=code).first() if code else None
    if region is not None and not can_create_project(user_of(request), region):
        raise ApiError(403, _("不能在您管辖范围以外的区县录入项目。"))


@router.post(
    "",
    response={201: ProjectDetailOut, **WRITE_ERROR_RESPONSES},
    operation_id="projects_create",
    summary="录入项目",
)
def create(request: HttpRequest, payload: ProjectCreateIn) -> Any:
    """录入一个项目，返回其详情（201）。与台账页面的录入表单使用同一套规则：签约须有签约日期和合同投资额，金
    额不超过上限，日期不晚于今天。调用者的角色不能录入项目、或区县不在其管辖范围内时 403；字段有误时
    422，按字段给出中文说明；会改变已报送（锁定）期间的数字而未填更正理由时 409。
    """
    user = user_of(request)
    if not can_create_project(user):
        raise ApiError(403, _("您的角色不能录入项目。"))
    _refuse_foreign_region(request, payload.region)
    sent = payload.model_dump(exclude_unset=True)
    for key in ("stage", "project_type", "origin"):  # defaults count even when not sent
        sent.setdefault(key, getattr(payload, key))
    data = project_forms.payload_data(sent)
    data.setdefault("owner", user.pk)
    form = ProjectForm(project_forms.as_query_dict(data), user=user)
    if not form.is_valid():
        raise ApiError(422, _("项目信息有误。"), details=project_forms.form_errors(form))
    try:
        with transaction.atomic():  # new investors are created only if the project is
            project = create_project(
                project=form.save(commit=False),
                investors=form.investors() if "investors" in sent else [],
                segments=form.cleaned_data["segments"],
                user=user,
                amendment_reason=form.cleaned_data["amendment_reason"],
            )
    except StageError as exc:
        raise ApiError(422, str(exc)) from exc
    return Status(201, _detail(request, project.pk))


@router.patch(
    "/{int:project_id}",
    response={200: ProjectDetailOut, **WRITE_ERROR_RESPONSES},
    operation_id="projects_update",
    summary="修改项目（只改所传字段）",
)
def update(
    request: HttpRequest,
    payload: ProjectUpdateIn,
    project_id: int = Path(..., ge=1, le=MAX_ID, description=texts.PROJECT_ID),
) -> Any:
    """修改一个项目，只改请求中所传的字段，返回修改后的详情。项目不在数据范围内时
    404；无权编辑、或为无权查看的保密项目时 403；字段有误时 422；传入的 version
    已过时（他人已修改）时 409（code 为 concurrent_edit，details
    列出他人的修改）；会改变已报送期间的数字而未填更正理由时 409（period_locked）。
    """
    user = user_of(request)
    project = _detail(request, project_id)
    if not can_edit_project(user, project):
        raise ApiError(403, _("您无权编辑此项目。"))
    if project.is_masked:  # its real name and investors would be overwritten by what the caller cannot see
        raise ApiError(403, _("这是保密项目，只有项目责任人和本区县管理员可以编辑。"))
    sent = payload.model_dump(exclude_unset=True)
    _refuse_foreign_region(request, sent.get("region"))
    data = project_forms.current_data(project) | project_forms.payload_data(sent)
    form = ProjectForm(project_forms.as_query_dict(data), instance=project, user=user)
    if not form.is_valid():
        raise ApiError(422, _("项目信息有误。"), details=project_forms.form_errors(form))
    try:
        with transaction.atomic():  # new investors are created only if the edit is saved
            project = save_edit(
                project=form.save(commit=False),
                expected_version=sent.get("version") or project.version,
                investors=form.investors() if "investors" in sent else None,
                segments=form.cleaned_data["segments"],
                amendment_reason=form.cleaned_data["amendment_reason"],
                user=user,
            )
    except ConcurrentEdit as exc:
        changes = [{"field": field, "old": str(old), "new": str(new)} for field, old, new in exc.changes]
        raise ApiError(409, str(exc), code="concurrent_edit", details={"changes": changes}) from exc
    return _detail(request, project.pk)


@router.post(
    "/{int:project_id}/stage",
    response={200: ProjectDetailOut, **WRITE_ERROR_RESPONSES},
    operation_id="projects_stage",
    summary="变更阶段（推进一步，或终止）",
)
def stage(
    request: HttpRequest,
    payload: StageChangeIn,
    project_id: int = Path(..., ge=1, le=MAX_ID, description=texts.PROJECT_ID),
) -> Any:
    """把项目推进到下一阶段或终止，记录一条不可修改的阶段变更，返回项目详情；对应的节点计划节点自动完成。签约须
    有合同投资额，终止须有原因。项目不在数据范围内时 404；无权变更阶段时 403；不符合阶段规则时
    409（code 为 stage_rule），会改变已报送期间的数字而未填更正理由时
    409（period_locked）。
    """
    user = user_of(request)
    project = _detail(request, project_id)
    if not can_change_stage(user, project):
        raise ApiError(403, _("您无权变更此项目的阶段。"))
    try:
        change_stage(
            project=project,
            to_stage=payload.to_stage.value,
            on=payload.on,
            user=user,
            comment=payload.comment,
            contract_investment=payload.contract_investment,
            reason=payload.reason,
            amendment_reason=payload.amendment_reason,
        )
    except StageError as exc:
        raise ApiError(409, str(exc), code="stage_rule") from exc
    return _detail(request, project.pk)


@router.delete(
    "/{int:project_id}",
    response={204: None, **WRITE_ERROR_RESPONSES},
    operation_id="projects_delete",
    summary="删除项目（移入回收站，须填删除理由；已报送期间的项目另须更正理由）",
)
def delete(
    request: HttpRequest,
    params: Query[DeleteParams],
    project_id: int = Path(..., ge=1, le=MAX_ID, description=texts.PROJECT_ID),
) -> Any:
    """把项目移入回收站（可恢复），须填删除理由，记入修改历史；成功时 204，无响应体。项目不在数据范围内时
    404；调用者不是区县管理员或市级管理员时 403；删除理由不符合要求时
    422；项目属于已报送（锁定）期间而未填更正理由时 409。
    """
    deletion.delete(request, _detail(request, project_id), params)
    return Status(204, None)


@router.post(
    "/{int:project_id}/restore",
    response={200: ProjectDetailOut, **WRITE_ERROR_RESPONSES},
    operation_id="projects_restore",
    summary="从回收站恢复项目",
)
def restore(
    request: HttpRequest,
    params: Query[RestoreParams],
    project_id: int = Path(..., ge=1, le=MAX_ID, description=texts.PROJECT_ID),
) -> Any:
    """把回收站中的项目恢复到台账，返回项目详情。项目不存在或不在数据范围内时
    404；调用者不是区县管理员或市级管理员时 403；项目没有被删除时 409（code 为
    not_deleted）；会改变已报送期间的数字而未填更正理由时 409（period_locked）。
    """
    deletion.restore(request, Project.all_objects.all(), project_id, params)
    return _detail(request, project_id)
