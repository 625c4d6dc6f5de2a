"""Period locking (报送/锁定/更正): once a district reports a period, changes to its figures need a reason.

Enforced from `Project.save`, so every write path (forms, stage actions, imports, the API) obeys it.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

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


class PeriodLocked(ValueError):
    """The change alters a reported period; it can only be made as an amendment with a reason."""

    def __init__(self, reports) -> None:
        names = "、".join(f"{r.region.name}{r.period_code}" for r in reports)
        super().__init__(
            _("该修改会改变已报送期间（%(names)s）的数字：请填写更正理由后再保存。") % {"names": names}
        )
        self.reports = reports


def changed_fields(old, new) -> dict[str, tuple[object, object]]:
    if old is None:
        return {f: (None, getattr(new, f)) for f in FIGURE_FIELDS if getattr(new, f) not in (None, "", False)}
    return {
        f: (getattr(old, f), getattr(new, f)) for f in FIGURE_FIELDS if getattr(old, f) != getattr(new, f)
    }


def affected_reports(old, new):
    """Locked reports of the project's district(s) whose period holds one of its dates, before or after."""
    from zhaoshang.targets.models import PeriodReport

    days: set[date] = {d for p in (old, new) if p is not None for f in DATE_FIELDS if (d := getattr(p, f))}
    regions = {p.region_id for p in (old, new) if p is not None}
    if not days:
        return []
    reports = PeriodReport.objects.filter(
        region_id__in=regions, is_locked=True, start__lte=max(days), end__gte=min(days)
    ).select_related("region")
    return [r for r in reports if any(r.start <= d <= r.end for d in days)]


def guard(project) -> list:
    """Called before a project is saved: refuse, or return the reports to record amendments against."""
    from zhaoshang.projects.models import Project

    old = Project.all_objects.filter(pk=project.pk).first() if project.pk else None
    changes = changed_fields(old, project)
    if not changes:
        return []
    reports = affected_reports(old, project)
    if reports and not getattr(project, "amendment_reason", "").strip():
        raise PeriodLocked(reports)
    project._pending_amendment = (reports, {k: [str(a), str(b)] for k, (a, b) in changes.items()})
    return reports


def record(project, user=None) -> None:
    """After the save: one amendment per affected report, with the reason and what changed."""
    from zhaoshang.targets.models import Amendment

    reports, changes = getattr(project, "_pending_amendment", ([], {}))
    for report in reports:
        Amendment.objects.create(
            report=report,
            project=project,
            reason=project.amendment_reason.strip(),
            changes=changes,
            user=user or getattr(project, "changed_by", None),
        )
    project._pending_amendment = ([], {})
