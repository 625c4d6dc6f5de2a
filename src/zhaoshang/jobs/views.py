"""The 后台任务 pages: the list (with its Excel export), a job's page (progress polled by HTMX), retry."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhaoshang.accounts.permissions import can_export, can_manage_job
from zhaoshang.accounts.scoping import for_user
from zhaoshang.core.downloads import attachment
from zhaoshang.jobs import services
from zhaoshang.jobs.exports import jobs_workbook
from zhaoshang.jobs.kinds import KINDS
from zhaoshang.jobs.models import Job, JobState

PAGE_SIZE = 50


def _visible(request: HttpRequest) -> QuerySet[Job]:
    jobs = for_user(Job.objects.select_related("user", "region"), request.user)
    if (state := request.GET.get("state")) in JobState.values:
        jobs = jobs.filter(state=state)
    if request.GET.get("mine"):
        jobs = jobs.filter(user=request.user)
    return jobs


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_visible(request), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "states": JobState.choices, "can_export": can_export(request.user)}
    return render(request, "jobs/job_list.html", context)


@login_required
def job_export(request: HttpRequest) -> HttpResponse:
    if not can_export(request.user):
        raise PermissionDenied(_("您没有导出数据的权限。"))
    return attachment(
        jobs_workbook(_visible(request)), _("后台任务-%(d)s.xlsx") % {"d": f"{date.today():%Y%m%d}"}
    )


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(for_user(Job.objects.select_related("user", "region"), request.user), pk=pk)
    context = {
        "job": job,
        "can_manage": can_manage_job(request.user, job),
        "result_template": KINDS[job.kind].template if job.kind in KINDS else "",
        "preview_rows": 200,
    }
    if request.htmx and request.GET.get("poll"):
        if not job.is_open:  # finished since the page was drawn: draw it again, with the result
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return render(request, "jobs/_job_status.html", context)
    return render(request, "jobs/job_detail.html", context)


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(for_user(Job.objects.all(), request.user), pk=pk)
    if not can_manage_job(request.user, job):
        raise PermissionDenied(_("您无权重试此任务。"))
    try:
        services.retry(job)
    except services.JobRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.info(request, _("已重新提交，后台进程将再次运行此任务。"))
    return redirect(job)
