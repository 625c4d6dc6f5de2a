"""Period locking (报送/锁定/更正): once a region reports a period, changes to its figures need a reason.

A report locks the projects of its region and of every division below it: a district's own report, and
the city's (重庆市 2022H1 locks every district of Chongqing). Every write path asks explicitly, before
it saves (`require_amendment`, raising `PeriodLocked`), and records the amendment after; the ledger's
own writes, which sit below targets, ask through `records.locks`, where targets registers this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from zhaoshang.lib import divisions
from zhaoshang.records.locks import LockedPeriod, PeriodLocked
from zhaoshang.targets.models import Amendment, PeriodReport

# The fields whose change can alter a period's figures.
FIGURE_FIELDS = (
    "region_id",
    "signed_on",
    "started_on",
    "in_production_on",
    "terminated_on",
    "stage",
    "contract_investment",
    "is_manufacturing",
    "is_key",
    "foreign_capital_usd",
    "origin",
    "direction_id",
    "park_id",
    "deleted_at",
)
DATE_FIELDS = ("signed_on", "started_on", "in_production_on", "terminated_on")
REASON_MAX = 500  # Amendment.reason

Finder = Callable[[set[str], set[date]], list[PeriodReport]]


def figure_changes(before: Any, after: Any) -> dict[str, tuple[object, object]]:
    """The figure fields a write changes (for a new record: those it sets)."""
    if before is None:
        return {f: (None, v) for f in FIGURE_FIELDS if (v := getattr(after, f)) not in (None, "", False)}
    return {
        f: (getattr(before, f), getattr(after, f))
        for f in FIGURE_FIELDS
        if getattr(before, f) != getattr(after, f)
    }


def _days(*projects: Any) -> set[date]:
    return {d for p in projects if p is not None for f in DATE_FIELDS if (d := getattr(p, f))}


def _region_codes(*projects: Any) -> set[str]:
    """The codes of the projects' districts and of every division above them (city, province)."""
    by_id = {p.region_id: p for p in projects if p is not None and p.region_id is not None}
    codes = {p.region.code for p in by_id.values()}
    return {c for code in codes for c in (code, divisions.city_of(code), divisions.province_of(code))}


def _holding(reports: Iterable[PeriodReport], days: set[date]) -> list[PeriodReport]:
    return [r for r in reports if any(r.start <= d <= r.end for d in days)]


def locked_reports(region_codes: Iterable[str], days: Iterable[date]) -> list[PeriodReport]:
    """The locked reports of these regions (give a district with its city and province) holding a day."""
    codes, days = set(region_codes), set(days)
    if not codes or not days:
        return []
    reports = PeriodReport.objects.filter(
        region__code__in=codes, is_locked=True, start__lte=max(days), end__gte=min(days)
    ).select_related("region")
    return _holding(reports, days)


def _periods(reports: Iterable[PeriodReport]) -> list[LockedPeriod]:
    return [LockedPeriod(r.region.code, r.region.name, r.period_code) for r in reports]


@dataclass
class PendingAmendment:
    """The amendments a permitted write records once it is saved: one per report it changes."""

    reports: list[PeriodReport] = field(default_factory=list)
    changes: dict[str, list[str]] = field(default_factory=dict)
    reason: str = ""
    actor: Any = None

    def record(self, saved: Any) -> None:
        Amendment.objects.bulk_create(
            Amendment(report=r, project=saved, reason=self.reason, changes=self.changes, user=self.actor)
            for r in self.reports
        )


def _require(before: Any, after: Any, actor: Any, reason: str, find: Finder) -> PendingAmendment:
    changes = figure_changes(before, after)
    days = _days(before, after)
    if not changes or not days:
        return PendingAmendment()
    reports = find(_region_codes(before, after), days)
    reason = (reason or "").strip()[:REASON_MAX]
    if reports and not reason:
        periods = _periods(reports)
        names = "、".join(str(p) for p in periods)
        raise PeriodLocked(
            _("该修改会改变已报送期间（%(names)s）的数字：请填写更正理由后再保存。") % {"names": names},
            periods,
        )
    shown = {k: [str(a), str(b)] for k, (a, b) in changes.items()}
    return PendingAmendment(reports, shown, reason, actor)


def require_amendment(before: Any, after: Any, *, actor: Any, reason: str) -> PendingAmendment:
    """Refuse (PeriodLocked) a write of `after` (stored as `before`, None if new) that changes the figures
    of a locked period without a reason; else the amendments to record once it is saved."""
    return _require(before, after, actor, reason, locked_reports)


def locked_periods(project: Any) -> list[LockedPeriod]:
    """The locked periods holding the project's dates: what deleting or restoring it would change."""
    return _periods(locked_reports(_region_codes(project), _days(project)))


class Loaded:
    """Every locked report, loaded once: checks many writes (an import) without a query each."""

    def __init__(self) -> None:
        self.reports = list(PeriodReport.objects.filter(is_locked=True).select_related("region"))

    def _find(self, codes: set[str], days: set[date]) -> list[PeriodReport]:
        return _holding((r for r in self.reports if r.region.code in codes), days)

    def require_amendment(self, before: Any, after: Any, *, actor: Any, reason: str) -> PendingAmendment:
        if not self.reports:
            return PendingAmendment()
        return _require(before, after, actor, reason, self._find)


def batch() -> Loaded:
    return Loaded()
