"""Pages of the ledger: list with filters and totals, detail with timeline and history, forms, actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhaoshang.accounts.permissions import (
    can_change_stage,
    can_create_project,
    can_edit_project,
    refuse_posted_region,
)
from zhaoshang.accounts.scoping import scope_projects
from zhaoshang.industries.models import IndustryCode
from zhaoshang.lib.periods import PeriodParseError, parse_period
from zhaoshang.projects import drilldown, stages
from zhaoshang.projects.filters import ProjectFilter
from zhaoshang.projects.forms import ProjectForm, StageChangeForm
from zhaoshang.projects.models import Project, Stage
from zhaoshang.projects.services import (
    ConcurrentEdit,
    StageError,
    change_stage,
    create_project,
    masked_fields,
    save_edit,
)
from zhaoshang.records import history
from zhaoshang.records.locks import PeriodLocked

PAGE_SIZE = 50
HISTORY_ROWS = 10  # the latest changes on the detail page; the 修改记录 page has them all


def _drilldown(request: HttpRequest):
    """`?metric=…&region=…&period=…[&scope=…]`: exactly the projects behind a figure elsewhere."""
    key = request.GET.get("metric")
    if not key:
        return None, None
    label = drilldown.label_of(key)
    if label is None or not request.GET.get("region") or not request.GET.get("period"):
        return Project.objects.none(), _("无法识别的指标链接。")
    try:
        period = parse_period(request.GET["period"])
        rows = drilldown.rows_behind(key, request.GET["region"], period, request.GET.get("scope", ""))
    except (PeriodParseError, ValueError) as exc:
        return Project.objects.none(), str(exc)
    return rows, label


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    base = Project.objects.all()
    drill_rows, drill_label = _drilldown(request)
    if drill_rows is not None:
        base = drill_rows
    base = scope_projects(base, request.user)
    filterset = ProjectFilter(request.GET, queryset=base, request=request)  # bound even when empty: all rows
    rows = filterset.qs if filterset.is_valid() else base.none()
    totals = rows.aggregate(count=Count("pk"), contract_investment=Sum("contract_investment"))
    page = Paginator(
        rows.select_related("region", "direction", "park").prefetch_related("investors"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "totals": totals,
        "drill_label": drill_label,
        "can_create": can_create_project(request.user),
    }
    template = "projects/_project_table.html" if request.htmx else "projects/project_list.html"
    return render(request, template, context)


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        scope_projects(
            Project.objects.select_related("region", "direction", "industry", "park", "owner"), request.user
        ),
        pk=pk,
    )
    timeline = [
        {"stage": Stage(s).label, "date": project.stage_date(s), "reached": project.stage_date(s) is not None}
        for s in (*stages.ORDER, stages.TERMINATED)
        if s != stages.TERMINATED or project.terminated_on
    ]
    masked = masked_fields(project)
    context = {
        "project": project,
        "masked": masked,
        "timeline": timeline,
        "events": project.events.select_related("created_by"),
        "history": history.latest_rows(project, user=request.user, masked=masked, limit=HISTORY_ROWS),
        "history_url": history.history_url(project),
        "stage_form": StageChangeForm(project=project)
        if project.stage != Stage.TERMINATED and can_change_stage(request.user, project)
        else None,
        "can_edit": can_edit_project(request.user, project) and not project.is_masked,
    }
    return render(request, "projects/project_detail.html", context)


def _industry_codes():
    return IndustryCode.objects.filter(level="class").only("code", "name")


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    if not can_create_project(request.user):
        raise PermissionDenied(_("您的角色不能录入项目。"))
    refuse_posted_region(request)
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # new investors are created only if the project is
                project = create_project(
                    project=form.save(commit=False),
                    investors=form.investors(),
                    segments=form.cleaned_data["segments"],
                    user=request.user,
                    amendment_reason=form.cleaned_data["amendment_reason"],
                )
        except (StageError, PeriodLocked) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("项目“%(name)s”已录入台账。") % {"name": project.name}
            )  # the author knows it
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "industry_codes": _industry_codes()})


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(scope_projects(Project.objects.all(), request.user), pk=pk)
    if not can_edit_project(request.user, project):
        raise PermissionDenied(_("您无权编辑此项目。"))
    if project.is_masked:  # the form would show, and on saving overwrite, its real name and investors
        return render(request, "projects/project_masked.html", {"project": project}, status=403)
    refuse_posted_region(request)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # new investors are created only if the edit is saved
                project = save_edit(
                    project=form.save(commit=False),
                    expected_version=form.cleaned_data["version"] or 0,
                    investors=form.investors(),
                    segments=form.cleaned_data["segments"],
                    amendment_reason=form.cleaned_data["amendment_reason"],
                    user=request.user,
                )
        except ConcurrentEdit as exc:
            form.add_error(None, str(exc))
            conflict = exc.changes
        except PeriodLocked as exc:
            form.add_error("amendment_reason", str(exc))
        else:
            messages.success(request, _("项目已保存。"))
            return redirect(project)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "project": project, "industry_codes": _industry_codes(), "conflict": conflict},
    )


@login_required
@require_POST
def project_stage(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(scope_projects(Project.objects.all(), request.user), pk=pk)
    if not can_change_stage(request.user, project):
        raise PermissionDenied(_("您无权变更此项目的阶段。"))
    form = StageChangeForm(request.POST, project=project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            change_stage(
                project=project,
                to_stage=data["to_stage"],
                on=data["on"],
                user=request.user,
                comment=data["comment"],
                contract_investment=data["contract_investment"],
                reason=data["reason"],
                amendment_reason=data["amendment_reason"],
            )
        except (StageError, PeriodLocked) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("阶段已变更为“%(stage)s”。") % {"stage": Stage(data["to_stage"]).label}
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(project)
