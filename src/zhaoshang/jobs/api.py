"""/api/jobs: the background jobs within the caller's reach (state, progress, result, error); retry."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from zhaoshang.accounts.permissions import can_manage_job
from zhaoshang.api.context import MAX_ID, get_scoped, scoped, user_of
from zhaoshang.api.errors import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, ApiError
from zhaoshang.api.pagination import Page, PageParams, paginate
from zhaoshang.api.schemas.common import RegionRef
from zhaoshang.jobs import services
from zhaoshang.jobs.models import Job

router = Router(tags=["后台任务"])


class JobStateEnum(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class JobOut(Schema):
    id: int
    kind: str = Field(..., description="类型（import：大批量导入）")
    title: str
    user: str | None = Field(None, description="提交人用户名")
    region: RegionRef | None
    state: JobStateEnum = Field(..., description="queued 排队中 / running 运行中 / done 已完成 / failed 失败")
    progress: int = Field(..., description="进度（0–100）")
    stage: str = Field(..., description="当前步骤")
    summary: str = Field(..., description="结果摘要")
    error: str = Field(..., description="失败原因（中文）")
    retryable: bool = Field(..., description="失败后可重试")
    attempts: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @staticmethod
    def resolve_user(obj: Job) -> str | None:
        return obj.user.username if obj.user else None


class JobDetailOut(JobOut):
    result: dict[str, Any] = Field(
        ..., description="结果明细（导入：逐行报告，错误最多 1001 条、预览最多 201 行）"
    )


class JobPage(Page[JobOut]):
    pass


class JobFilterParams(Schema):
    state: JobStateEnum | None = Field(None, description="按状态筛选")


def _detail(request: HttpRequest, job_id: int) -> Job:
    return get_scoped(request, Job.objects.select_related("user", "region"), pk=job_id)


@router.get("", response={200: JobPage, **ERROR_RESPONSES}, operation_id="jobs_list", summary="后台任务列表")
def list_jobs(request: HttpRequest, filters: Query[JobFilterParams], page: Query[PageParams]) -> Any:
    rows = scoped(request, Job.objects.select_related("user", "region"))
    if filters.state:
        rows = rows.filter(state=filters.state.value)
    return paginate(rows.order_by("-created_at", "-pk"), page)


@router.get(
    "/{int:job_id}",
    response={200: JobDetailOut, **ERROR_RESPONSES},
    operation_id="jobs_detail",
    summary="后台任务详情（状态、进度、结果与错误）",
)
def get_job(request: HttpRequest, job_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    return _detail(request, job_id)


@router.post(
    "/{int:job_id}/retry",
    response={200: JobDetailOut, **WRITE_ERROR_RESPONSES},
    operation_id="jobs_retry",
    summary="重试失败的后台任务（仅限可重试的失败；提交人或本区划管理员）",
)
def retry_job(request: HttpRequest, job_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    job = _detail(request, job_id)
    if not can_manage_job(user_of(request), job):
        raise ApiError(403, _("您无权重试此任务。"))
    try:
        services.retry(job)
    except services.JobRefused as exc:
        raise ApiError(409, str(exc)) from exc
    return _detail(request, job_id)
