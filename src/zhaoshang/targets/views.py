"""Cockpit (驾驶舱), municipal rollup, their Excel exports, and the targets pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhaoshang.accounts.pages import page_city, page_period, page_region, page_year
from zhaoshang.accounts.permissions import can_export, can_manage_targets, refuse_posted_region
from zhaoshang.accounts.scoping import district_choices, for_user, visible_regions
from zhaoshang.core.downloads import attachment
from zhaoshang.lib.divisions import subtree_prefix
from zhaoshang.lib.periods import Period, PeriodParseError, parse_period
from zhaoshang.projects.models import Project
from zhaoshang.records.import_views import import_page
from zhaoshang.regions.models import Region
from zhaoshang.targets import exports
from zhaoshang.targets.cockpit import ROLLUP_METRICS, ROLLUP_SORTS, cockpit, default_period, rollup
from zhaoshang.targets.forms import TargetForm
from zhaoshang.targets.models import PeriodReport, Target
from zhaoshang.targets.registry import METRICS
from zhaoshang.targets.reporting import AlreadyReported, compare, report_period
from zhaoshang.targets.services import decomposition


def _period(request: HttpRequest, region: Region) -> Period:
    return page_period(request, lambda: default_period(region.code))


def _require_export(request: HttpRequest) -> None:
    if not can_export(request.user):
        raise PermissionDenied(_("您没有导出权限。"))


def _quick_periods(period: Period) -> list[str]:
    y = period.year
    return [
        f"{y}",
        f"{y}H1",
        f"{y}H2",
        f"{y}Q1",
        f"{y}Q2",
        f"{y}Q3",
        f"{y}Q4",
        f"{y}-{period.end.month:02d}YTD",
        f"{y - 1}",
    ]


@login_required
def cockpit_view(request: HttpRequest) -> HttpResponse:
    region = page_region(request)
    period = _period(request, region)
    data = cockpit(region, period, request.user)
    districts = district_choices(request.user, region)
    return render(
        request,
        "targets/cockpit.html",
        {**data, "districts": districts, "quick_periods": _quick_periods(period)},
    )


@login_required
def cockpit_export(request: HttpRequest) -> HttpResponse:
    _require_export(request)
    region = page_region(request)
    period = _period(request, region)
    return attachment(
        exports.cockpit_workbook(cockpit(region, period, request.user)),
        _("驾驶舱-%(region)s-%(period)s.xlsx") % {"region": region.name, "period": period.code},
    )


@login_required
def monthly_export(request: HttpRequest) -> HttpResponse:
    _require_export(request)
    region = page_region(request)
    period = _period(request, region)
    return attachment(
        exports.monthly_workbook(region.name, region.code, period),
        _("月度统计表-%(region)s-%(period)s.xlsx") % {"region": region.name, "period": period.code},
    )


def _rollup_args(request: HttpRequest) -> tuple[Region, Period, str, str]:
    parent = page_city(request)
    period = _period(request, parent)
    metric = request.GET.get("metric", "contract_investment")
    metric = metric if metric in ROLLUP_METRICS else "contract_investment"
    sort = request.GET.get("sort", "completion")
    return parent, period, metric, sort if sort in ROLLUP_SORTS else "completion"


@login_required
def rollup_view(request: HttpRequest) -> HttpResponse:
    parent, period, metric, sort = _rollup_args(request)
    data = rollup(parent, period, metric, sort)
    chart = {
        "names": [r.region.short_name for r in data["rows"]],
        "completion": [float(r.result.completion or 0) for r in data["rows"]],
        "time_progress": float(data["ytd"].time_progress()),
    }
    return render(
        request,
        "targets/rollup.html",
        {
            **data,
            "chart": chart,
            "metrics": [(k, METRICS[k].label) for k in ROLLUP_METRICS],
            "quick_periods": _quick_periods(period),
        },
    )


@login_required
def rollup_export(request: HttpRequest) -> HttpResponse:
    _require_export(request)
    parent, period, metric, sort = _rollup_args(request)
    return attachment(
        exports.rollup_workbook(rollup(parent, period, metric, sort)),
        _("区县排名-%(region)s-%(period)s.xlsx") % {"region": parent.name, "period": period.code},
    )


@login_required
def target_list(request: HttpRequest) -> HttpResponse:
    parent = page_city(request)
    within = for_user(
        Target.objects.filter(region__code__startswith=subtree_prefix(parent.code)), request.user
    )
    # by default the latest year that has targets, else the ledger's current year
    latest = within.aggregate(latest=Max("year"))["latest"]
    year = page_year(request, latest or default_period(parent.code).year)
    targets = within.filter(year=year).select_related("region")
    context = {
        "targets": targets.order_by("region__code", "metric", "level"),
        "year": year,
        "parent": parent,
        "decomposition": decomposition(parent, year),
        "metrics": METRICS,
    }
    return render(request, "targets/target_list.html", context)


@login_required
def target_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    target = get_object_or_404(for_user(Target.objects.all(), request.user), pk=pk) if pk else None
    if not can_manage_targets(
        request.user, target.region if target else None, target.level if target else None
    ):
        raise PermissionDenied(_("您无权设定目标。"))
    refuse_posted_region(request, can_manage_targets)
    form = TargetForm(request.POST or None, instance=target, user=request.user)
    if request.method == "POST" and form.is_valid():
        if not can_manage_targets(request.user, form.cleaned_data["region"], form.cleaned_data["level"]):
            raise PermissionDenied(_("您无权设定该区划或该层级的目标。"))
        try:
            with transaction.atomic():
                saved = form.save()
        except IntegrityError:  # the same target saved by someone else since the form was checked
            form.add_error(None, _("该区划、年度、指标、口径和层级的目标已存在。"))
        else:
            messages.success(request, _("目标已保存。"))
            return redirect(f"{reverse('targets:list')}?year={saved.year}")
    return render(request, "targets/target_form.html", {"form": form, "target": target})


@login_required
def target_import(request: HttpRequest) -> HttpResponse:
    """The targets' import page: the shared import engine and page (records/import_views.py)."""
    return import_page(request, kind="targets")


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    reports = for_user(PeriodReport.objects.all(), request.user).select_related("region", "reported_by")
    # the amended projects as the user may see them: a confidential one by its code name (projects/services.py)
    reports = reports.prefetch_related(
        "amendments__user",
        Prefetch("amendments__project", queryset=Project.all_objects.disclosed_to(request.user)),
    )
    rows = [{"report": r, "figures": compare(r)} for r in reports[:50]]
    return render(request, "targets/report_list.html", {"rows": rows})


@login_required
@require_POST
def report_create(request: HttpRequest) -> HttpResponse:
    region = get_object_or_404(visible_regions(request.user), code=request.POST.get("region"))
    if not can_manage_targets(request.user, region):
        raise PermissionDenied(_("您无权报送该区县的数字。"))
    try:
        period = parse_period(request.POST.get("period", ""))
        report_period(region=region, period=period, user=request.user)
    except (PeriodParseError, AlreadyReported) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("已报送并锁定 %(region)s %(period)s 的数字。") % {"region": region.name, "period": period.code},
        )
    return redirect("targets:reports")
