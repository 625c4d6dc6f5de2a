"""The ledger's rules for one imported row, checked in memory so that 10,000 rows need no query each.

The rules themselves are `projects/rules.py` (the same as every other door's), for rows written in bulk
where `Project.save` does not run. Reported periods are the period lock's (`records.locks`, loaded once
per import).
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
