"""Lead workflow: create without duplicates, log visits, convert into a ledger project."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from zhaoshang.leads.models import OPEN_STAGES, Lead, LeadStage, Visit, VisitKind
from zhaoshang.projects.models import Project, Stage
from zhaoshang.projects.services import create_project


class DuplicateLead(ValueError):
    """The enterprise already has a lead in this district; `existing` is it."""

    def __init__(self, existing: Lead) -> None:
        super().__init__(_("该企业在本区县已有线索（%(stage)s）。") % {"stage": existing.get_stage_display()})
        self.existing = existing


class LeadError(ValueError):
    """A lead action the workflow forbids (message in Chinese)."""


@transaction.atomic
def create_lead(*, enterprise, region, user=None, **fields) -> Lead:
    existing = Lead.objects.filter(enterprise=enterprise, region=region).first()
    if existing is not None:
        raise DuplicateLead(existing)
    return Lead.objects.create(
        enterprise=enterprise, region=region, owner=fields.pop("owner", user), **fields
    )


# A visit moves a lead forward to at least this stage.
_STAGE_AFTER_VISIT = {
    VisitKind.CALL: LeadStage.CONTACTED,
    VisitKind.FOLLOW_UP: LeadStage.CONTACTED,
    VisitKind.VISIT: LeadStage.VISITED,
    VisitKind.MEETING: LeadStage.VISITED,
}


@transaction.atomic
def log_visit(
    *,
    lead: Lead,
    kind: str,
    visited_on: date,
    summary: str,
    user=None,
    people: str = "",
    outcome: str = "",
    next_action: str = "",
    next_action_on: date | None = None,
) -> Visit:
    if lead.stage not in OPEN_STAGES:
        raise LeadError(_("线索已%(stage)s，不能再记录走访。") % {"stage": lead.get_stage_display()})
    if visited_on > timezone.localdate():
        raise LeadError(_("走访日期不能晚于今天。"))
    visit = Visit.objects.create(
        lead=lead,
        kind=kind,
        visited_on=visited_on,
        summary=summary,
        people=people,
        outcome=outcome,
        created_by=user,
    )
    target = _STAGE_AFTER_VISIT[VisitKind(kind)]
    if OPEN_STAGES.index(target) > OPEN_STAGES.index(LeadStage(lead.stage)):
        lead.stage = target
    if next_action or next_action_on:
        lead.next_action, lead.next_action_on = next_action, next_action_on
    lead.save()
    return visit


@transaction.atomic
def convert_to_project(*, lead: Lead, name: str, user=None, on: date | None = None) -> Project:
    """Create a ledger project (洽谈) from the lead, link both, and close the lead as converted."""
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    if lead.stage not in OPEN_STAGES:
        raise LeadError(_("线索已%(stage)s，不能转化。") % {"stage": lead.get_stage_display()})
    on = on or timezone.localdate()
    project = Project(
        name=name,
        region=lead.region,
        stage=Stage.NEGOTIATING,
        lead_on=lead.created_at.date(),
        negotiating_on=on,
        owner=lead.owner or user,
        notes=_("由招商线索转化：%(firm)s") % {"firm": lead.enterprise.name},
    )
    if project.lead_on is not None and project.lead_on > on:
        project.lead_on = on
    create_project(
        project=project,
        investors=[lead.enterprise],
        segments=[lead.segment] if lead.segment else [],
        user=user,
    )
    lead.project, lead.stage = project, LeadStage.CONVERTED
    lead.save()
    return project


def funnel(leads) -> list[tuple[str, int]]:
    """How many leads reached each stage (a converted lead has passed every open stage)."""
    counts = dict.fromkeys(LeadStage.values, 0)
    counts.update(
        {row["stage"]: row["n"] for row in leads.values("stage").annotate(n=Count("pk")).order_by()}
    )
    order = [
        LeadStage.NEW,
        LeadStage.CONTACTED,
        LeadStage.VISITED,
        LeadStage.NEGOTIATING,
        LeadStage.CONVERTED,
    ]
    reached = []
    for i, stage in enumerate(order):
        reached.append((str(LeadStage(stage).label), sum(counts[s] for s in order[i:])))
    return reached
