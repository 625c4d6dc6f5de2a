"""/api/jobs: the background jobs within the caller's reach (state, progress, result, error); retry."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

import zhaoshang.api.schemas.texts as texts
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
    id: int = Field(..., description=texts.JOB_ID)
    kind: str = Field(..., description="类型（import：大批量导入）")
    title: str = Field(..., description="标题")
    user: str | None = Field(None, description="提交人用户名")
    region: RegionRef | None = Field(..., description="所属区划；空：不属于某个区划")
    state: JobStateEnum = Field(..., description="queued 排队中 / running 运行中 / done 已完成 / failed 失败")
    progress: int = Field(..., description="进度（0–100）")
    stage: str = Field(..., description="当前步骤")
    summary: str = Field(..., description="结果摘要")
    error: str = Field(..., description="失败原因（中文）")
    retryable: bool = Field(..., description="失败后可重试")
    attempts: int = Field(..., description="已运行的次数")
    created_at: datetime = Field(..., description="提交时间（ISO 8601，含时区）")
    started_at: datetime | None = Field(..., description="开始运行时间；空：尚未开始")
    finished_at: datetime | None = Field(..., description="结束时间；空：尚未结束")

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
    """返回调用者数据范围内的后台任务（分页，新提交的在前），可按状态筛选。参数不符合要求时 422。"""
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
def get_job(request: HttpRequest, job_id: int = Path(..., ge=1, le=MAX_ID, description=texts.JOB_ID)) -> Any:
    """返回一个后台任务的状态、进度、结果明细和失败原因。任务不存在或不在调用者的数据范围内时 404。"""
    return _detail(request, job_id)


@router.post(
    "/{int:job_id}/retry",
    response={200: JobDetailOut, **WRITE_ERROR_RESPONSES},
    operation_id="jobs_retry",
    summary="重试失败的后台任务（仅限可重试的失败；提交人或本区划管理员）",
)
def retry_job(
    request: HttpRequest, job_id: int = Path(..., ge=1, le=MAX_ID, description=texts.JOB_ID)
) -> Any:
    """重新排队一个可重试的失败任务，返回该任务。任务不在数据范围内时 404；调用者不是提交人或本区划管理员时
    403；任务不是可重试的失败时 409。
    """
    job = _detail(request, job_id)
    if not can_manage_job(user_of(request), job):
        raise ApiError(403, _("您无权重试此任务。"))
    try:
        services.retry(job)
    except services.JobRefused as exc:
        raise ApiError(409, str(exc)) from exc
    return _detail(request, job_id)
