"""Writes to the ledger that touch several rows: creating a project and moving it through its stages."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhaoshang.accounts.permissions import can_see_confidential
from zhaoshang.core.audit import set_relations
from zhaoshang.projects import progress, rules, stages
from zhaoshang.projects.models import Project, Stage, StageEvent
from zhaoshang.records import locks

# Confidential projects (保密项目): the fields whose values would name the investor. Free text may name it
# too, so notes and every reason written by hand count. One rule for every page that shows a project's
# values or history (the detail page's history here, the generic audit page in core).
REVEALING_FIELDS = frozenset(
    {
        "name",
        "investors",
        "notes",
        "termination_reason",
        "manufacturing_override_reason",
        "deletion_reason",
        "history_change_reason",
        "event_comment",  # the comment of a stage change (StageEvent.comment)
    }
)


def masked_fields(project: Project) -> frozenset[str]:
    """The fields of `project` whose values the user who loaded it may not see (none unless masked).

    `project.is_masked` needs the `disclosed` annotation of `ProjectQuerySet.disclosed_to` (or `disclose`);
    without it a confidential project reads as masked.
    """
    return REVEALING_FIELDS if project.is_masked else frozenset()


def disclose(project: Project, user: Any) -> Project:
    """Set `disclosed` on a project loaded without `disclosed_to` (e.g. through a foreign key)."""
    project.disclosed = can_see_confidential(user, project)
    return project


class StageError(ValueError):
    """A write the ledger's rules (`projects/rules.py`) forbid; `problems` says which, in Chinese."""

    def __init__(self, problems: Sequence[rules.Problem]) -> None:
        super().__init__("".join(p.message for p in problems))
        self.problems = list(problems)


def enforce(problems: Sequence[rules.Problem]) -> None:
    """Raise StageError when the rules found problems."""
    if problems:
        raise StageError(problems)


def _save(project: Project, before: Project | None, *, user: Any, amendment_reason: str) -> None:
    """Save unless the write changes a reported (locked) period without a 更正理由 (PeriodLocked), and
    record the amendment when it does with one."""
    project.is_manufacturing = project.derive_manufacturing()
    amendment = locks.require_amendment(before, project, actor=user, reason=amendment_reason)
    project.save()
    amendment.record(project)


@transaction.atomic
def create_project(
    *,
    project: Project,
    investors: Sequence[Any] = (),
    segments: Sequence[Any] = (),
    user=None,
    amendment_reason: str = "",
) -> Project:
    """Save a new project at its initial stage and record the creation as its first stage event.

    A ledger usually enters a project already signed or further on: the dates of the stages it has
    passed are kept on the project (the timeline shows them), and one event ""→stage records the entry.
    """
    stage = project.stage
    enforce(
        rules.entry_problems(stage) or rules.check(rules.Proposal.of(project), today=timezone.localdate())
    )
    _save(project, None, user=user, amendment_reason=amendment_reason)
    set_relations(project, investors=investors, segments=segments)
    event = StageEvent.objects.create(
        project=project,
        from_stage="",
        to_stage=stage,
        occurred_on=project.stage_date(stage),
        created_by=user,
        comment=_("录入台账"),
    )
    progress.stages_reached([event], user=user)
    return project


@transaction.atomic
def change_stage(
    *,
    project: Project,
    to_stage: str,
    on: date,
    user=None,
    comment: str = "",
    contract_investment: int | None = None,
    reason: str = "",
    amendment_reason: str = "",
) -> StageEvent:
    """Move a project one stage forward, or terminate it, recording an immutable event."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    before = copy.copy(project)
    from_stage = project.stage
    enforce(rules.move_problems(from_stage, to_stage, one_step=True))
    setattr(project, stages.DATE_FIELD[to_stage], on)
    if contract_investment is not None:
        project.contract_investment = contract_investment
    if to_stage == stages.TERMINATED:
        project.termination_reason = reason.strip()
    enforce(rules.check(rules.Proposal.of(project, stage=to_stage), today=timezone.localdate()))
    project.stage = to_stage
    project._change_reason = comment or reason or str(Stage(to_stage).label)
    _save(project, before, user=user, amendment_reason=amendment_reason)
    event = StageEvent.objects.create(
        project=project,
        from_stage=from_stage,
        to_stage=to_stage,
        occurred_on=on,
        created_by=user,
        comment=comment or reason,
    )
    progress.stages_reached([event], user=user)
    return event


class ConcurrentEdit(ValueError):
    """Someone saved the project since this edit began; `changes` says what they changed."""

    def __init__(self, changes: list[tuple[str, object, object]], by: str) -> None:
        super().__init__(
            _("保存失败：%(by)s 在您编辑期间修改了该项目。请查看对方的修改，刷新后重新编辑。") % {"by": by}
        )
        self.changes = changes


def _their_changes(project: Project, since_version: int) -> tuple[list[tuple[str, object, object]], str]:
    records = list(project.history.filter(version__gte=since_version).order_by("history_date"))
    if len(records) < 2:
        return [], _("其他用户")
    first, last = records[0], records[-1]
    delta = last.diff_against(first)
    labels = {f.name: str(f.verbose_name) for f in Project._meta.fields}
    who = str(last.history_user) if last.history_user else _("其他用户")
    return [(labels.get(c.field, c.field), c.old, c.new) for c in delta.changes], who


@transaction.atomic
def save_edit(
    *,
    project: Project,
    expected_version: int,
    investors: list[Any] | None = None,
    segments: list[Any] | None = None,
    amendment_reason: str = "",
    user=None,
) -> Project:
    """Save an edited project unless it changed since the editor loaded it (optimistic locking)."""
    current = Project.objects.select_for_update().get(pk=project.pk)
    if current.version != expected_version:
        changes, who = _their_changes(current, expected_version)
        raise ConcurrentEdit(changes, who)
    project.version = current.version
    _save(project, current, user=user, amendment_reason=amendment_reason)
    set_relations(project, investors=investors, segments=segments)
    return project
