"""What the cockpit (驾驶舱), the municipal rollup and their exports show — built once, used by all three.

Every number comes from the metric registry; every figure carries the ledger link that lists the
projects behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Max, Q, Sum
from django.urls import reverse

from zhaoshang.lib import amounts
from zhaoshang.lib.assessment import Assessment, assess
from zhaoshang.lib.periods import Period, period_for
from zhaoshang.projects import stages
from zhaoshang.projects.models import Project, Stage
from zhaoshang.projects.querysets import region_q, signed_q
from zhaoshang.regions.models import Region
from zhaoshang.targets.models import Target, TargetLevel
from zhaoshang.targets.registry import METRICS, evaluate_by_region, monthly
from zhaoshang.targets.services import RegionAssessment, assess_region

BANDS = [
    ("projects_over_100m", "1亿元以上"),
    ("projects_over_1b", "10亿元以上"),
    ("projects_over_5b", "50亿元以上"),
]
ROLLUP_METRICS = ["signed_projects", "contract_investment", "manufacturing_contract_investment"]


def ledger_link(metric: str, region_code: str, period: Period, scope: str = "") -> str:
    query = {"metric": metric, "region": region_code, "period": period.code}
    if scope:
        query["scope"] = scope
    return f"{reverse('projects:list')}?{urlencode(query)}"


def default_period(region_code: str) -> Period:
    """The half-year of the latest signing in the region (the demo opens on 2022H1's successor data)."""
    latest = Project.objects.filter(region_q(region_code)).aggregate(last=Max("signed_on"))["last"]
    latest = latest or date.today()
    return period_for("half", latest.year, 1 if latest.month <= 6 else 2)


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    text: str
    note: str
    link: str


def kpis(assessment: RegionAssessment, region_code: str) -> list[Kpi]:
    """The headline cards, written the way the press release writes them (超320亿元, 近40%, 109%)."""
    period = assessment.period
    signed = assessment.row("signed_projects")
    amount = assessment.row("contract_investment")
    manufacturing = assessment.row("manufacturing_contract_investment")
    share = assessment.row("manufacturing_share")
    cards = [
        Kpi(
            "signed_projects",
            "签约项目",
            f"{signed.period_value}",
            "个",
            ledger_link("signed_projects", region_code, period),
        ),
        Kpi(
            "contract_investment",
            "合同投资额",
            amounts.format_amount(amount.period_value or 0),
            "",
            ledger_link("contract_investment", region_code, period),
        ),
        Kpi(
            "manufacturing_contract_investment",
            "其中制造业",
            amounts.format_amount(manufacturing.period_value or 0),
            "",
            ledger_link("manufacturing_contract_investment", region_code, period),
        ),
        Kpi(
            "manufacturing_share",
            "制造业占比",
            amounts.format_percent(share.period_value, style="headline")
            if share.period_value is not None
            else "—",
            "",
            ledger_link("manufacturing_contract_investment", region_code, period),
        ),
    ]
    for row in assessment.rows:
        r = row.result
        if r.completion is None or row.metric.key not in ROLLUP_METRICS:
            continue
        level = "市级任务" if row.level == TargetLevel.MUNICIPAL else "区级目标"
        note = (
            "提前完成全年目标" if r.completed_early else f"时序进度 {amounts.format_percent(r.time_progress)}"
        )
        cards.append(
            Kpi(
                f"completion_{row.metric.key}",
                f"完成{row.metric.label}全年{level}",
                amounts.format_percent(r.completion),
                note,
                ledger_link(row.metric.key, region_code, period.year_to_date()),
            )
        )
    return cards


def cumulative_series(region_code: str, period: Period, assessment: RegionAssessment) -> dict:
    """Monthly cumulative contract investment (亿元) through the period against the target's pace."""
    year = period.year_period()
    by_month = monthly(
        region_code, period.year_to_date(), ["contract_investment", "manufacturing_contract_investment"]
    )
    months, actual, manufacturing, pace, pace_m = [], [], [], [], []
    running = running_m = 0
    targets = {r.metric.key: r.result.target for r in assessment.rows}
    for m in range(1, 13):
        months.append(f"{m}月")
        month_start = date(year.year, m, 1)
        values = by_month.get(month_start, {})
        if month_start <= period.end:
            running += values.get("contract_investment") or 0
            running_m += values.get("manufacturing_contract_investment") or 0
            actual.append(float(amounts.to_yi(running)))
            manufacturing.append(float(amounts.to_yi(running_m)))
        for key, series in (("contract_investment", pace), ("manufacturing_contract_investment", pace_m)):
            t = targets.get(key)
            series.append(float(amounts.to_yi(t * m / 12)) if t else None)
    return {
        "months": months,
        "actual": actual,
        "manufacturing": manufacturing,
        "pace": pace,
        "pace_manufacturing": pace_m,
    }


def by_direction(region_code: str, period: Period) -> list[dict]:
    rows = (
        Project.objects.filter(region_q(region_code) & signed_q(period.start, period.end))
        .values("direction__name")
        .annotate(count=Count("pk"), amount=Sum("contract_investment"))
        .order_by("-amount")
    )
    return [
        {
            "name": r["direction__name"] or "未分类",
            "count": r["count"],
            "amount": r["amount"] or 0,
            "yi": float(amounts.to_yi(r["amount"] or 0)),
        }
        for r in rows
    ]


def funnel(region_code: str, period: Period) -> list[dict]:
    """Of the projects signed in the period, how many have reached each later stage (to date)."""
    reached = {
        s: Count("pk", filter=Q(**{f"{stages.DATE_FIELD[s]}__isnull": False})) for s in stages.SIGNED_OR_LATER
    }
    counts = Project.objects.filter(region_q(region_code) & signed_q(period.start, period.end)).aggregate(
        **reached
    )
    return [{"stage": str(Stage(s).label), "count": counts[s]} for s in stages.SIGNED_OR_LATER]


def top_projects(region_code: str, period: Period, limit: int = 10, user: Any = None) -> list[Project]:
    """The largest signed projects; `user` decides which confidential ones show their real name."""
    return list(
        Project.objects.filter(region_q(region_code) & signed_q(period.start, period.end))
        .disclosed_to(user)
        .select_related("direction")
        .order_by("-contract_investment")[:limit]
    )


def cockpit(region: Region, period: Period, user: Any = None) -> dict:
    """Everything the cockpit page and its export show, in a fixed number of queries."""
    assessment = assess_region(region.code, period)
    bands = {k: assessment.row(k).period_value for k, _label in BANDS}  # already in ASSESSED: no extra query
    return {
        "region": region,
        "period": period,
        "assessment": assessment,
        "kpis": kpis(assessment, region.code),
        "series": cumulative_series(region.code, period, assessment),
        "directions": by_direction(region.code, period),
        "funnel": funnel(region.code, period),
        "bands": [
            {"label": label, "count": bands[k], "link": ledger_link(k, region.code, period)}
            for k, label in BANDS
        ],
        "top": top_projects(region.code, period, user=user),
        "gauges": [
            {
                "name": str(r.metric.label),
                "completion": float(r.result.completion),
                "time_progress": float(r.result.time_progress),
            }
            for r in assessment.rows
            if r.result.completion is not None
        ],
    }


@dataclass(frozen=True)
class RollupRow:
    region: Region
    values: dict
    result: Assessment
    link: str


ROLLUP_SORTS = {"completion", "ahead", "amount", "signed", "growth", "manufacturing", "code"}


def rollup(
    parent: Region, period: Period, metric: str = "contract_investment", sort: str = "completion"
) -> dict:
    """Every district of a city in one table: figures, completion of the metric's target, growth, status."""
    ytd = period.year_to_date()
    current = evaluate_by_region(parent.code, ytd, ROLLUP_METRICS)
    previous = evaluate_by_region(parent.code, ytd.previous_year(), ROLLUP_METRICS)
    districts = list(Region.objects.filter(parent=parent).order_by("code"))
    targets = {
        t.region_id: t.value
        for t in Target.objects.filter(
            region__parent=parent, year=period.year, metric=metric, scope="", level=TargetLevel.MUNICIPAL
        )
    }
    empty = dict.fromkeys(ROLLUP_METRICS, 0)
    rows = []
    for region in districts:
        values = current.get(region.code, empty)
        result = assess(
            actual=values[metric] or 0,
            target=targets.get(region.pk),
            time_progress=ytd.time_progress(),
            period_end=ytd.end,
            year_end=period.year_period().end,
            previous=previous.get(region.code, empty)[metric],
        )
        rows.append(RollupRow(region, values, result, ledger_link(metric, region.code, ytd)))
    keys = {
        "completion": lambda r: r.result.completion if r.result.completion is not None else Decimal(-1),
        "ahead": lambda r: r.result.ahead_by_pp if r.result.ahead_by_pp is not None else Decimal(-999),
        "amount": lambda r: r.values["contract_investment"] or 0,
        "manufacturing": lambda r: r.values["manufacturing_contract_investment"] or 0,
        "signed": lambda r: r.values["signed_projects"] or 0,
        "growth": lambda r: r.result.growth if r.result.growth is not None else Decimal(-999),
    }
    if sort in keys:
        rows.sort(key=keys[sort], reverse=True)
    totals = {k: sum((r.values[k] or 0) for r in rows) for k in ROLLUP_METRICS}
    total_target = sum(targets.values()) if targets else None
    total = assess(
        actual=totals[metric],
        target=total_target,
        time_progress=ytd.time_progress(),
        period_end=ytd.end,
        year_end=period.year_period().end,
        previous=sum((v[metric] or 0) for v in previous.values()),
    )
    return {
        "parent": parent,
        "period": period,
        "ytd": ytd,
        "metric": METRICS[metric],
        "rows": rows,
        "totals": totals,
        "total": total,
        "sort": sort,
    }
