"""The ledger's rules for one imported row, checked in memory so that 10,000 rows need no query each.

The rules themselves are `projects/rules.py` (the same as every other door's); `targets.locking` for
reported periods is restated here for rows written in bulk where `Project.save` does not run.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from zhaoshang.projects import rules, stages
from zhaoshang.projects.models import Project, StageEvent
from zhaoshang.records.imports.engine import RowInvalid


def check_stages(project: Project, old: Project | None) -> None:
    """Refuse a row that breaks the ledger's rules (`projects/rules.py`), all problems at once."""
    if old is None:  # a new row entered as terminated: that alone is what to tell
        moved = rules.entry_problems(project.stage)
        if moved:
            raise RowInvalid(*((p.field, p.message) for p in moved))
    else:
        moved = rules.move_problems(old.stage, project.stage, one_step=False)
    found = rules.check(rules.Proposal.of(project), today=timezone.localdate())
    if problems := rules.first_per_field([*moved, *found]):
        raise RowInvalid(*((p.field, p.message) for p in problems))


def stage_events(old: Project | None, new: Project, user: Any) -> list[StageEvent]:
    """The immutable events a row implies: ""→stage on entry, then one per step forward, or →终止."""
    comment = _("Excel 导入")
    if old is None:
        return [
            StageEvent(
                project=new,
                from_stage="",
                to_stage=new.stage,
                occurred_on=new.stage_date(new.stage),
                created_by=user,
                comment=comment,
            )
        ]
    if old.stage == new.stage:
        return []
    if new.stage == stages.TERMINATED:
        return [
            StageEvent(
                project=new,
                from_stage=old.stage,
                to_stage=new.stage,
                occurred_on=new.terminated_on,
                created_by=user,
                comment=new.termination_reason or comment,
            )
        ]
    path = stages.ORDER[stages.ORDER.index(old.stage) : stages.ORDER.index(new.stage) + 1]
    return [
        StageEvent(
            project=new,
            from_stage=a,
            to_stage=b,
            occurred_on=new.stage_date(b) or new.stage_date(new.stage),
            created_by=user,
            comment=comment,
        )
        for a, b in pairwise(path)
    ]


class LockedPeriods:
    """The reported (locked) periods, loaded once: does a row alter the figures of one of them?"""

    def __init__(self) -> None:
        from zhaoshang.targets.models import PeriodReport

        self.reports = list(PeriodReport.objects.filter(is_locked=True).select_related("region"))

    def hit(self, old: Project | None, new: Project) -> str:
        """The names of the locked periods the change alters ("" when none)."""
        if not self.reports:
            return ""
        from zhaoshang.targets.locking import DATE_FIELDS, changed_fields

        if not changed_fields(old, new):
            return ""
        regions = {p.region_id for p in (old, new) if p is not None}
        days = {d for p in (old, new) if p is not None for f in DATE_FIELDS if (d := getattr(p, f))}
        hits = [
            r for r in self.reports if r.region_id in regions and any(r.start <= d <= r.end for d in days)
        ]
        return "、".join(f"{r.region.name}{r.period_code}" for r in hits)
