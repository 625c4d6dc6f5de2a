"""The ledger's rules for one imported row, checked in memory so that 10,000 rows need no query each.

They restate `services.create_project` / `change_stage` and the model's constraints (stages.py is the
data), for rows written in bulk where `Project.save` does not run. Reported periods are the period lock's
(`records.locks`, loaded once per import).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from django.utils.translation import gettext as _

from zhaoshang.projects import stages
from zhaoshang.projects.models import Project, Stage, StageEvent
from zhaoshang.records.imports.engine import RowInvalid


def _label(stage: str) -> str:
    return str(Stage(stage).label)


def check_stages(project: Project, old: Project | None) -> None:
    """Refuse a row whose stage, stage dates or amounts break the ledger's rules (all problems at once)."""
    stage, problems = project.stage, []
    if old is None and stage == stages.TERMINATED:
        raise RowInvalid(("stage", _("新建项目不能直接处于终止阶段：请先导入项目，再在项目页面终止。")))
    if old is not None and old.stage != stage:
        if old.stage == stages.TERMINATED:
            problems.append(("stage", _("项目已终止，不能通过导入改变阶段。")))
        elif stage != stages.TERMINATED and stages.ORDER.index(stage) < stages.ORDER.index(old.stage):
            problems.append(("stage", _("阶段不能倒退（台账中为“%(old)s”）。") % {"old": _label(old.stage)}))
    if project.stage_date(stage) is None:
        problems.append(
            (stages.DATE_FIELD[stage], _("请填写当前阶段（%(stage)s）的日期。") % {"stage": _label(stage)})
        )
    if stage in stages.SIGNED_OR_LATER:
        if project.signed_on is None:
            problems.append(("signed_on", _("签约及以后阶段的项目必须填写签约日期。")))
        if project.contract_investment is None:
            problems.append(("contract_investment", _("签约及以后阶段的项目必须填写合同投资额。")))
    if stage == stages.TERMINATED and not project.termination_reason.strip():
        problems.append(("termination_reason", _("终止的项目必须填写终止原因。")))
    reached = [s for s in stages.ORDER if project.stage_date(s)]
    if stage != stages.TERMINATED:
        reached = [s for s in stages.stages_through(stage) if project.stage_date(s)]
    for earlier, later in pairwise(reached):
        if project.stage_date(later) < project.stage_date(earlier):
            problems.append(
                (
                    stages.DATE_FIELD[later],
                    _("%(later)s日期不能早于%(earlier)s日期。")
                    % {"later": _label(later), "earlier": _label(earlier)},
                )
            )
            break
    if problems:
        raise RowInvalid(*problems)


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
