"""KPIs of 诉求 per unit or district (DESIGN.md): 办结率, 按时办结率, 满意率, median handling time and the
oldest open item, from plain rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median

from zhaoshang.lib.metrics import ratio, rounded_ratio
from zhaoshang.lib.obligations.machine import Satisfaction


@dataclass(frozen=True)
class Row:
    """One 诉求 as the KPIs see it."""

    pk: int
    received_on: date
    deadline: date
    closed_on: date | None  # 销号 date; None while open
    satisfaction: str | None  # the latest 回访's, if any


@dataclass(frozen=True)
class Kpis:
    total: int
    closed: int
    closed_on_time: int
    rated: int
    satisfied: int  # 满意 or 基本满意
    closure_rate: Decimal | None  # 办结率 = closed / total
    on_time_rate: Decimal | None  # 按时办结率 = closed by the deadline / closed
    satisfaction_rate: Decimal | None  # 满意率 = (满意 + 基本满意) / rated
    median_days: Decimal | None  # median calendar days from receipt to 销号, closed items
    oldest_open_pk: int | None
    oldest_open_days: int | None  # days the oldest open item has waited, at `today`


def compute(rows: Iterable[Row], today: date) -> Kpis:
    items = list(rows)
    closed = [r for r in items if r.closed_on is not None]
    on_time = [r for r in closed if r.closed_on is not None and r.closed_on <= r.deadline]
    rated = [r for r in items if r.satisfaction]
    satisfied = [r for r in rated if r.satisfaction in (Satisfaction.SATISFIED, Satisfaction.MOSTLY)]
    days = [(r.closed_on - r.received_on).days for r in closed if r.closed_on is not None]
    still_open = sorted((r for r in items if r.closed_on is None), key=lambda r: (r.received_on, r.pk))
    oldest = still_open[0] if still_open else None
    return Kpis(
        total=len(items),
        closed=len(closed),
        closed_on_time=len(on_time),
        rated=len(rated),
        satisfied=len(satisfied),
        closure_rate=rounded_ratio(ratio(len(closed), len(items))),
        on_time_rate=rounded_ratio(ratio(len(on_time), len(closed))),
        satisfaction_rate=rounded_ratio(ratio(len(satisfied), len(rated))),
        median_days=Decimal(str(median(days))) if days else None,
        oldest_open_pk=oldest.pk if oldest else None,
        oldest_open_days=(today - oldest.received_on).days if oldest else None,
    )
