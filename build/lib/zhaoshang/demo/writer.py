"""Bulk writes for the demo: projects with investors, segments and stage events, with history rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from simple_history.utils import bulk_create_with_history

from zhaoshang.enterprises.models import Enterprise
from zhaoshang.projects import stages
from zhaoshang.projects.models import Project, StageEvent


@dataclass
class PlannedProject:
    project: Project
    investors: list[Enterprise] = field(default_factory=list)
    segment_ids: list[int] = field(default_factory=list)


class LedgerWriter:
    """Collects planned projects and writes them in a few bulk statements."""

    def __init__(self) -> None:
        self.planned: list[PlannedProject] = []

    def add(self, project: Project, investors: list[Enterprise] = (), segment_ids: list[int] = ()) -> Project:
        project.is_synthetic = True
        project.is_manufacturing = project.derive_manufacturing()
        self.planned.append(PlannedProject(project, list(investors), list(segment_ids)))
        return project

    def write(self) -> int:
        projects = bulk_create_with_history(
            [p.project for p in self.planned], Project, batch_size=500, default_change_reason="演示数据"
        )
        investor_links, segment_links, events = [], [], []
        investor_through = Project.investors.through
        segment_through = Project.segments.through
        for planned, saved in zip(self.planned, projects, strict=True):
            investor_links += [
                investor_through(project_id=saved.pk, enterprise_id=e.pk) for e in planned.investors
            ]
            segment_links += [segment_through(project_id=saved.pk, segment_id=s) for s in planned.segment_ids]
            events += _events_for(saved)
        investor_through.objects.bulk_create(investor_links, batch_size=1000)
        segment_through.objects.bulk_create(segment_links, batch_size=1000)
        StageEvent.objects.bulk_create(events, batch_size=1000)
        return len(projects)


def _events_for(project: Project) -> list[StageEvent]:
    """The demo's timeline: creation at the first dated stage, then one event per later step."""
    dated: list[tuple[str, date]] = [
        (s, project.stage_date(s)) for s in stages.ORDER if project.stage_date(s) is not None
    ]
    events = []
    previous = ""
    for stage, when in dated:
        if previous and not stages.is_allowed(previous, stage):
            previous = ""  # a skipped stage: record the step as a fresh entry rather than invent a date
        events.append(
            StageEvent(
                project=project, from_stage=previous, to_stage=stage, occurred_on=when, comment="演示数据"
            )
        )
        previous = stage
    if project.stage == stages.TERMINATED:
        events.append(
            StageEvent(
                project=project,
                from_stage=previous,
                to_stage=stages.TERMINATED,
                occurred_on=project.terminated_on,
                comment=project.termination_reason,
            )
        )
    return events
