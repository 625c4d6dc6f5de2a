"""Reporting a period's figures to the city (报送), which locks them, and reported-vs-current views."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zhaoshang.lib.periods import Period, parse_period
from zhaoshang.targets.models import PeriodReport
from zhaoshang.targets.registry import METRICS, as_json, evaluate

REPORTED = [
    "signed_projects",
    "contract_investment",
    "manufacturing_contract_investment",
    "key_signed_projects",
    "started_projects",
    "in_production_projects",
    "foreign_capital",
]


class AlreadyReported(ValueError):
    pass


@transaction.atomic
def report_period(*, region, period: Period, user=None) -> PeriodReport:
    """Snapshot the period's figures from the registry and lock the period."""
    figures = as_json(evaluate(region.code, period, REPORTED))
    try:
        with transaction.atomic():
            return PeriodReport.objects.create(
                region=region,
                period_code=period.code,
                start=period.start,
                end=period.end,
                figures=figures,
                reported_by=user,
            )
    except IntegrityError as exc:
        raise AlreadyReported(
            _("%(region)s %(period)s 已报送。") % {"region": region.name, "period": period.code}
        ) from exc


@dataclass(frozen=True)
class FigureComparison:
    label: str
    unit: str
    reported: int | float | None
    current: int | float | None

    @property
    def changed(self) -> bool:
        return self.reported != self.current


def compare(report: PeriodReport) -> list[FigureComparison]:
    """Reported figures beside today's, metric by metric."""
    current = as_json(evaluate(report.region.code, parse_period(report.period_code), REPORTED))
    rows = []
    for key in REPORTED:
        metric = METRICS[key]
        rows.append(
            FigureComparison(
                str(metric.label),
                metric.unit,
                report.figures.get(metric.output_key),
                current.get(metric.output_key),
            )
        )
    return rows
