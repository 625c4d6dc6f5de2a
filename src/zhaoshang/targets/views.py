"""Cockpit (驾驶舱), municipal rollup, their Excel exports, and the targets pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhaoshang.lib.periods import Period, PeriodParseError, parse_period
from zhaoshang.regions.models import Level, Region
from zhaoshang.targets import exports
from zhaoshang.targets.cockpit import ROLLUP_METRICS, ROLLUP_SORTS, cockpit, default_period, rollup
from zhaoshang.targets.forms import TargetForm, TargetImportForm
from zhaoshang.targets.models import PeriodReport, Target
from zhaoshang.targets.registry import METRICS
from zhaoshang.targets.reporting import AlreadyReported, compare, report_period
from zhaoshang.targets.services import decomposition, import_targets

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _region(request: HttpRequest, name: str = "region") -> Region:
    code = request.GET.get(name)
    if code:
        return get_object_or_404(Region, code=code)
    user_region = getattr(request.user, "region", None)
    if user_region is not None and user_region.level == Level.COUNTY:
        return user_region
    return Region.objects.get(code="500106") if name == "region" else (user_region or Region.objects.get(code="500000"))


def _period(request: HttpRequest, region: Region) -> tuple[Period, str | None]:
    text = request.GET.get("period")
    if not text:
        return default_period(region.code), None
    try:
        return parse_period(text), None
    except PeriodParseError as exc:
        return default_period(region.code), str(exc)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def _quick_periods(period: Period) -> list[str]:
    y = period.year
    return [f"{y}", f"{y}H1", f"{y}H2", f"{y}Q1", f"{y}Q2", f"{y}Q3", f"{y}Q4", f"{y}-{period.end.month:02d}YTD",
            f"{y - 1}"]


@login_required
def cockpit_view(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    period, error = _period(request, region)
    if error:
        messages.error(request, error)
    data = cockpit(region, period)
    districts = Region.objects.filter(parent__code=region.code[:2] + "0000", level=Level.COUNTY).order_by("code")
    return render(request, "targets/cockpit.html", {**data, "districts": districts,
                                                    "quick_periods": _quick_periods(period)})


@login_required
def cockpit_export(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    period, _error = _period(request, region)
    return _xlsx(exports.cockpit_workbook(cockpit(region, period)), f"驾驶舱-{region.name}-{period.code}.xlsx")


@login_required
def monthly_export(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    period, _error = _period(request, region)
    return _xlsx(exports.monthly_workbook(region.name, region.code, period), f"月度统计表-{region.name}-{period.code}.xlsx")


def _rollup_args(request: HttpRequest) -> tuple[Region, Period, str, str, str | None]:
    parent = _region(request, "city")
    period, error = _period(request, parent)
    metric = request.GET.get("metric", "contract_investment")
    metric = metric if metric in ROLLUP_METRICS else "contract_investment"
    sort = request.GET.get("sort", "completion")
    return parent, period, metric, sort if sort in ROLLUP_SORTS else "completion", error


@login_required
def rollup_view(request: HttpRequest) -> HttpResponse:
    parent, period, metric, sort, error = _rollup_args(request)
    if error:
        messages.error(request, error)
    data = rollup(parent, period, metric, sort)
    chart = {"names": [r.region.short_name for r in data["rows"]],
             "completion": [float(r.result.completion or 0) for r in data["rows"]],
             "time_progress": float(data["ytd"].time_progress())}
    return render(request, "targets/rollup.html", {
        **data, "chart": chart, "metrics": [(k, METRICS[k].label) for k in ROLLUP_METRICS],
        "quick_periods": _quick_periods(period),
    })


@login_required
def rollup_export(request: HttpRequest) -> HttpResponse:
    parent, period, metric, sort, _error = _rollup_args(request)
    return _xlsx(exports.rollup_workbook(rollup(parent, period, metric, sort)), f"区县排名-{parent.name}-{period.code}.xlsx")


@login_required
def target_list(request: HttpRequest) -> HttpResponse:
    year = int(request.GET.get("year") or 2022)
    parent = _region(request, "city")
    targets = Target.objects.filter(year=year, region__code__startswith=parent.code[:2]).select_related("region")
    context = {"targets": targets.order_by("region__code", "metric", "level"), "year": year, "parent": parent,
               "decomposition": decomposition(parent, year), "import_form": TargetImportForm(), "metrics": METRICS}
    return render(request, "targets/target_list.html", context)


@login_required
def target_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    target = get_object_or_404(Target, pk=pk) if pk else None
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("目标已保存。"))
        return redirect(f"{reverse('targets:list')}?year={saved.year}")
    return render(request, "targets/target_form.html", {"form": form, "target": target})


@login_required
def target_import(request: HttpRequest) -> HttpResponse:
    form = TargetImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = import_targets(form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"])
        if report.errors:
            messages.error(request, _("导入未执行：%(n)d 行有错误，请更正后重新上传。") % {"n": len(report.errors)})
        elif form.cleaned_data["dry_run"]:
            messages.info(request, _("试导入：将新增 %(c)d 条，更新 %(u)d 条。") % {"c": report.created, "u": report.updated})
        else:
            messages.success(request, _("已导入：新增 %(c)d 条，更新 %(u)d 条。") % {"c": report.created, "u": report.updated})
    return render(request, "targets/target_import.html", {"form": form, "report": report})


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    reports = PeriodReport.objects.select_related("region", "reported_by").prefetch_related("amendments__user")
    rows = [{"report": r, "figures": compare(r)} for r in reports[:50]]
    return render(request, "targets/report_list.html", {"rows": rows})


@login_required
@require_POST
def report_create(request: HttpRequest) -> HttpResponse:
    region = get_object_or_404(Region, code=request.POST.get("region"))
    try:
        period = parse_period(request.POST.get("period", ""))
        report_period(region=region, period=period, user=request.user)
    except (PeriodParseError, AlreadyReported) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已报送并锁定 %(region)s %(period)s 的数字。") % {"region": region.name,
                                                                              "period": period.code})
    return redirect("targets:reports")
