"""Assessment arithmetic (DESIGN.md "Metrics"): completion, time progress, ahead/behind, forecasts, growth,
and the weighted score of an assessment rule. Plain Python: the targets app feeds it numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from zhaoshang.lib.metrics import ratio, rounded_ratio

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Assessment:
    """One metric of one region for one period, against its annual target."""

    actual: Decimal
    target: Decimal | None
    completion: Decimal | None  # actual year-to-date / annual target
    time_progress: Decimal  # elapsed part of the year at the period end
    ahead_by_pp: Decimal | None  # completion − time progress, in percentage points
    completed_early: bool  # 提前完成全年目标: completion ≥ 100% before the year ends
    completed_on: date | None  # the day the cumulative figure reached the target
    forecast_linear: Decimal | None
    forecast_seasonal: Decimal | None
    previous: Decimal | None  # the same period a year earlier
    growth: Decimal | None  # against `previous`

    @property
    def status(self) -> str:
        """red / yellow / green by completion against time progress (green: on or ahead of pace)."""
        if self.completion is None:
            return "none"
        if self.completion >= self.time_progress:
            return "green"
        return "yellow" if self.completion >= self.time_progress * Decimal("0.8") else "red"


def assess(
    *,
    actual: int | Decimal,
    target: int | Decimal | None,
    time_progress: Decimal,
    period_end: date,
    year_end: date,
    cumulative: Sequence[tuple[date, int | Decimal]] = (),
    previous: int | Decimal | None = None,
    seasonal_shares: Sequence[Decimal] = (),
) -> Assessment:
    """Assess `actual` (year-to-date at `period_end`) against an annual `target`.

    `cumulative` is the running year-to-date total by date (ascending), used to date the completion;
    `seasonal_shares` are, for earlier years, the part of the full year reached by the same date.
    """
    actual = Decimal(actual)
    target_d = Decimal(target) if target is not None else None
    completion = rounded_ratio(ratio(actual, target_d))
    ahead = (completion - time_progress) * HUNDRED if completion is not None else None
    completed = completion is not None and completion >= 1
    completed_on = None
    if completed and target_d is not None:
        completed_on = next((d for d, total in cumulative if Decimal(total) >= target_d), period_end)
    linear = (actual / time_progress).quantize(Decimal(1)) if time_progress > 0 else None
    usable = [s for s in seasonal_shares if s > 0]
    seasonal = (actual / (sum(usable, Decimal(0)) / len(usable))).quantize(Decimal(1)) if usable else None
    return Assessment(
        actual=actual,
        target=target_d,
        completion=completion,
        time_progress=time_progress,
        ahead_by_pp=ahead.quantize(Decimal("0.01")) if ahead is not None else None,
        completed_early=completed and period_end < year_end,
        completed_on=completed_on,
        forecast_linear=linear,
        forecast_seasonal=seasonal,
        previous=Decimal(previous) if previous is not None else None,
        growth=rounded_ratio(ratio(actual - Decimal(previous), previous)) if previous else None,
    )


@dataclass(frozen=True)
class ScoreLine:
    label: str
    weight: Decimal
    score: Decimal
    detail: str


def weighted_score(
    items: Sequence[Mapping],
    values: Mapping[str, int | Decimal | None],
    completions: Mapping[str, Decimal | None],
    band_counts: Mapping[str, int],
) -> tuple[Decimal, list[ScoreLine]]:
    """Score a rule's items (data, see targets/rules/*.json); each item is capped at its weight.

    Item types: `completion` (metric completion × weight), `rate` (a ratio metric × weight), and
    `band_minimum` (counts of projects per size band against minimums, points deducted per missing
    project, never below zero).
    """
    lines: list[ScoreLine] = []
    for item in items:
        weight = Decimal(str(item["weight"]))
        cap = Decimal(str(item.get("cap", item["weight"])))
        kind = item["type"]
        if kind == "completion":
            c = completions.get(item["metric"]) or Decimal(0)
            score, detail = min(c * weight, cap), f"完成率 {c * HUNDRED:.1f}%"
        elif kind == "rate":
            r = values.get(item["metric"]) or Decimal(0)
            score, detail = min(Decimal(r) * weight, cap), f"{Decimal(r) * HUNDRED:.1f}%"
        elif kind == "band_minimum":
            missing = sum(max(0, int(b["required"]) - band_counts.get(b["key"], 0)) for b in item["bands"])
            score = max(Decimal(0), weight - missing * Decimal(str(item["deduct_per_missing"])))
            detail = f"缺 {missing} 个"
        else:
            raise ValueError(f"unknown rule item type {kind!r}")
        lines.append(ScoreLine(item["label"], weight, score.quantize(Decimal("0.01")), detail))
    return sum((line.score for line in lines), Decimal(0)), lines
