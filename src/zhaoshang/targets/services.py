"""Assessment of a region for a period: every metric against its targets, forecasts, growth and score."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db.models import Q
from django.utils.translation import gettext as _

from zhaoshang.lib.assessment import Assessment, ScoreLine, assess, weighted_score
from zhaoshang.lib.metrics import ratio
from zhaoshang.lib.periods import Period
from zhaoshang.targets.models import AssessmentRule, Target, TargetLevel
from zhaoshang.targets.registry import METRICS, Metric, evaluate, evaluate_periods, monthly
from zhaoshang.targets.value_rules import value_problem

DEFAULT_RULE = Path(__file__).resolve().parent / "rules" / "default.json"
# The metrics a cockpit and an assessment show, in this order.
ASSESSED = [
    "signed_projects",
    "contract_investment",
    "manufacturing_contract_investment",
    "manufacturing_share",
    "key_signed_projects",
    "projects_over_100m",
    "projects_over_1b",
    "projects_over_5b",
    "started_projects",
    "in_production_projects",
    "start_rate",
    "foreign_capital",
]
SEASONAL_YEARS = 2


@dataclass(frozen=True)
class MetricAssessment:
    metric: Metric
    level: str  # the target level assessed against ("municipal", "district" or "" for none)
    period_value: int | Decimal | None  # the figure of the period itself
    result: Assessment


@dataclass(frozen=True)
class RegionAssessment:
    region_code: str
    period: Period
    rows: list[MetricAssessment]
    score: Decimal | None
    score_lines: list[ScoreLine]
    rule_name: str

    def row(self, key: str) -> MetricAssessment:
        return next(r for r in self.rows if r.metric.key == key)


def targets_for(region_code: str, year: int) -> dict[str, tuple[str, Decimal]]:
    """metric -> (level, value): the municipal task where one exists, else the district's own target."""
    found: dict[str, tuple[str, Decimal]] = {}
    for t in Target.objects.filter(region__code=region_code, year=year, scope="").order_by("-level"):
        if t.metric not in found or t.level == TargetLevel.MUNICIPAL:
            found[t.metric] = (t.level, t.value)
    return found


def active_rule(year: int) -> tuple[str, list[dict]]:
    rule = (
        AssessmentRule.objects.filter(Q(year=year) | Q(year__isnull=True), is_active=True)
        .order_by("-year")
        .first()
    )
    if rule is not None:
        return rule.name, rule.items
    data = json.loads(DEFAULT_RULE.read_text(encoding="utf-8"))
    return data["name"], data["items"]


def assess_region(region_code: str, period: Period, keys: list[str] | None = None) -> RegionAssessment:
    """Assess every metric; a fixed number of queries whatever the size of the ledger."""
    keys = keys or ASSESSED
    ytd = period.year_to_date()
    year = period.year_period()
    periods = {"period": period, "ytd": ytd, "previous": ytd.previous_year()}
    for back in range(1, SEASONAL_YEARS + 1):
        periods[f"part{back}"] = ytd.previous_year(back)
        periods[f"whole{back}"] = year.previous_year(back)
    values = evaluate_periods(region_code, periods, keys)
    period_values, actual, previous = values["period"], values["ytd"], values["previous"]
    shares: dict[str, list[Decimal]] = {k: [] for k in keys}
    for back in range(1, SEASONAL_YEARS + 1):
        part, whole = values[f"part{back}"], values[f"whole{back}"]
        for k in keys:
            if METRICS[k].unit != "ratio" and (share := ratio(part[k], whole[k])) is not None:
                shares[k].append(share)
    signed_keys = [k for k in keys if METRICS[k].basis == "signed"]
    daily = monthly(region_code, ytd, signed_keys, by_day=True) if signed_keys else {}
    targets = targets_for(region_code, period.year)
    rows = []
    for k in keys:
        metric = METRICS[k]
        level, target = targets.get(k, ("", None))
        running, cumulative = Decimal(0), []
        if k in signed_keys:
            for day, day_values in daily.items():
                running += Decimal(day_values[k] or 0)
                cumulative.append((day, running))
        ratio_metric = metric.unit == "ratio"
        result = assess(
            actual=actual[k] or 0,
            target=target,
            time_progress=ytd.time_progress(),
            period_end=ytd.end,
            year_end=year.end,
            cumulative=cumulative,
            previous=previous[k],
            seasonal_shares=[] if ratio_metric else shares[k],
        )
        if ratio_metric:  # forecasts of a ratio are not a sum: leave them out
            result = Assessment(**{**result.__dict__, "forecast_linear": None, "forecast_seasonal": None})
        rows.append(MetricAssessment(metric, level, period_values[k], result))
    rule_name, items = active_rule(period.year)
    completions = {r.metric.key: r.result.completion for r in rows}
    band_keys = [b["key"] for item in items if item["type"] == "band_minimum" for b in item["bands"]]
    rate_keys = [item["metric"] for item in items if item["type"] == "rate"]
    extra = evaluate(region_code, ytd, [*band_keys, *rate_keys]) if items else {}
    score, lines = weighted_score(
        items, {**actual, **extra}, completions, {k: int(extra[k] or 0) for k in band_keys}
    )
    return RegionAssessment(region_code, period, rows, score, lines, rule_name)


def as_json(assessment: RegionAssessment) -> dict:
    def num(value, unit: str):
        if value is None:
            return None
        return float(value) if unit == "ratio" else int(value)

    def frac(value):
        return None if value is None else float(value)

    metrics = []
    for row in assessment.rows:
        r, unit = row.result, row.metric.unit
        metrics.append(
            {
                "metric": row.metric.key,
                "label": str(row.metric.label),
                "unit": unit,
                "period_value": num(row.period_value, unit),
                "actual_ytd": num(r.actual, unit),
                "target": num(r.target, unit),
                "target_level": row.level or None,
                "completion": frac(r.completion),
                "time_progress": frac(r.time_progress.quantize(Decimal("0.0001"))),
                "ahead_by_pp": frac(r.ahead_by_pp),
                "completed_early": r.completed_early,
                "completed_on": r.completed_on.isoformat() if r.completed_on else None,
                "forecast_linear": num(r.forecast_linear, unit),
                "forecast_seasonal": num(r.forecast_seasonal, unit),
                "previous_year": num(r.previous, unit),
                "growth": frac(r.growth),
                "status": r.status,
            }
        )
    return {
        "region": assessment.region_code,
        "period": assessment.period.code,
        "metrics": metrics,
        "score": {
            "rule": assessment.rule_name,
            "total": frac(assessment.score),
            "items": [
                {
                    "label": line.label,
                    "weight": frac(line.weight),
                    "score": frac(line.score),
                    "detail": line.detail,
                }
                for line in assessment.score_lines
            ],
        },
    }


class TargetValueError(ValueError):
    """A target value that cannot be read for its metric (message in Chinese)."""


def target_value(metric_key: str, raw) -> Decimal:
    """A target as typed or imported: money as 万元/亿元 text or a number in 万元, counts, ratios as %."""
    from zhaoshang.lib.amounts import QuantityParseError, parse_money_cell, parse_percent

    metric = METRICS.get(metric_key)
    if metric is None:
        raise TargetValueError(_("未知指标“%(metric)s”。") % {"metric": metric_key})
    try:
        if metric.unit in ("yuan", "usd"):
            value = Decimal(parse_money_cell(raw, default_unit="万元" if metric.unit == "yuan" else "万美元"))
        elif metric.unit == "ratio":
            value = parse_percent(str(raw)).value
        else:
            value = Decimal(str(raw).strip().rstrip("个"))
    except (QuantityParseError, ArithmeticError, ValueError) as exc:
        raise TargetValueError(_("目标值“%(raw)s”无法识别。") % {"raw": raw}) from exc
    problem = value_problem(metric.unit, value)
    if problem:
        raise TargetValueError(problem)
    return value


def decomposition(parent, year: int) -> list[dict]:
    """A city's targets against the sum of its districts' targets: do the parts add up?"""
    from django.db.models import Sum

    sums = {
        (r["metric"], r["level"]): r["total"]
        for r in Target.objects.filter(region__parent=parent, year=year, scope="")
        .values("metric", "level")
        .annotate(total=Sum("value"))
    }
    rows = []
    for t in Target.objects.filter(region=parent, year=year, scope=""):
        parts = sums.get((t.metric, t.level), Decimal(0))
        rows.append(
            {
                "metric": METRICS[t.metric].label if t.metric in METRICS else t.metric,
                "level": t.get_level_display(),
                "city": t.value,
                "parts": parts,
                "gap": t.value - parts,
                "adds_up": parts >= t.value,
            }
        )
    return rows
