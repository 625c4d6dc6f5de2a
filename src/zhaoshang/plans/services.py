"""Writes to node plans: giving a project its plan, completing a node, recording a delay, and completing
the nodes a ledger stage change reaches.

Every write asks `plans/rules.py`; a refusal is a `PlanError` carrying the rules' Chinese problems.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhaoshang.lib import schedule
from zhaoshang.plans import rules
from zhaoshang.plans.models import NodeTemplate, Plan, ProjectNode, TemplateNode
from zhaoshang.projects import stages
from zhaoshang.projects.models import Project, Stage
from zhaoshang.projects.rules import Problem

log = logging.getLogger(__name__)


class PlanError(ValueError):
    """A plan write the rules forbid; `problems` says which, in Chinese."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("".join(p.message for p in problems))
        self.problems = list(problems)


def _save(node: ProjectNode, reason: str) -> None:
    """Save a node with the reason its history record shows (the history column holds 100 characters)."""
    node._change_reason = reason[:100]  # read by simple-history
    node.save()


def _refuse(message: str, field: str = "") -> PlanError:
    return PlanError([Problem(field, message)])


def choose_template(project: Project) -> NodeTemplate | None:
    """The active template for the project: its district's for its type, else the default for its type,
    else its district's for any type, else the default for any type."""
    candidates = NodeTemplate.objects.filter(
        Q(region_id=project.region_id) | Q(region__isnull=True),
        Q(project_type=project.project_type) | Q(project_type=""),
        is_active=True,
    )

    def rank(t: NodeTemplate) -> tuple[int, int]:
        return (0 if t.project_type else 1, 0 if t.region_id else 1)

    return min(candidates, key=rank, default=None)


def plan_refusal(project: Project) -> str | None:
    """Why the project cannot get a plan now (None: it can)."""
    if project.stage == Stage.TERMINATED:
        return _("项目已终止，不能制定节点计划。")
    if project.signed_on is None or project.stage not in stages.SIGNED_OR_LATER:
        return _("项目尚未签约，签约后才能制定节点计划。")
    return None


@dataclass(frozen=True)
class Draft:
    """The plan a template gives a project before it is saved: dates and the scheduler's conflicts."""

    template: NodeTemplate
    nodes: list[TemplateNode]
    result: schedule.Schedule

    @property
    def conflicts(self) -> list[str]:
        return rules.conflict_messages(self.result.conflicts, {n.code: n.name for n in self.nodes})


def draft(project: Project, *, template: NodeTemplate, start_on: date | None = None) -> Draft:
    assert project.signed_on is not None
    nodes = list(template.nodes.prefetch_related("depends_on"))
    result = schedule.schedule(
        [n.spec() for n in nodes],
        signed_on=project.signed_on,
        start_on=start_on,
        start_offset_days=template.start_offset_days,
    )
    return Draft(template, nodes, result)


@transaction.atomic
def create_plan(
    *,
    project: Project,
    user: Any = None,
    template: NodeTemplate | None = None,
    start_on: date | None = None,
    allow_conflicts: bool = False,
) -> Plan:
    """Give a signed project its plan from `template` (default: `choose_template`), scheduled back from
    `start_on` (default: signing + the template's offset). The nodes of the stages the ledger has already
    reached are completed on their stage dates (`complete_reached`). A target start that leaves too little
    time is refused unless `allow_conflicts`."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if Plan.objects.filter(project=project).exists():
        raise _refuse(_("该项目已有节点计划。"))
    refusal = plan_refusal(project)
    if refusal:
        raise _refuse(refusal)
    template = template or choose_template(project)
    if template is None:
        raise _refuse(_("没有适用于该项目的节点模板，请先建立模板。"))
    planned = draft(project, template=template, start_on=start_on)
    if planned.conflicts and not allow_conflicts:
        raise PlanError([Problem("start_on", m) for m in planned.conflicts])
    plan = Plan.objects.create(
        project=project, template=template, start_on=planned.result.start, created_by=user
    )
    by_code: dict[str, ProjectNode] = {}
    for t in planned.nodes:
        node = ProjectNode(
            project=project,
            template_node=t,
            order=t.order,
            code=t.code,
            name=t.name,
            ledger_stage=t.ledger_stage,
            planned_on=planned.result.planned[t.code],
            person_id=project.owner_id,
            evidence_required=t.evidence,
        )
        _save(node, _("生成节点计划"))
        by_code[t.code] = node
    for t in planned.nodes:
        deps = [by_code[d.code] for d in t.depends_on.all()]
        if deps:
            by_code[t.code].depends_on.set(deps)
    complete_reached(project, reached_stages(project), user=user)
    return plan


def ensure_plans(projects: Iterable[Project], *, user: Any = None) -> tuple[int, int, list[str]]:
    """Give every project that has none its plan; (created, already had one, refusals as text)."""
    created = existing = 0
    refusals: list[str] = []
    have = set(Plan.objects.values_list("project_id", flat=True))
    for project in projects:
        if project.pk in have:
            existing += 1
            continue
        reason = plan_refusal(project)
        if reason:
            refusals.append(f"{project.pk} {project.title}: {reason}")
            continue
        try:
            create_plan(project=project, user=user, allow_conflicts=True)
        except PlanError as error:
            refusals.append(f"{project.pk} {project.title}: {error}")
            continue
        created += 1
    return created, existing, refusals


def _dependencies(node: ProjectNode) -> list[rules.Dependency]:
    return [rules.Dependency(d.name, d.actual_on) for d in node.depends_on.all()]


def _locked(node: ProjectNode) -> ProjectNode:
    return ProjectNode.objects.select_for_update().select_related("project").get(pk=node.pk)


@transaction.atomic
def complete_node(*, node: ProjectNode, on: date, user: Any = None, evidence_note: str = "") -> ProjectNode:
    """Record that a node was completed on `on`; its dependencies must be complete by then."""
    node = _locked(node)
    if node.actual_on is not None:
        raise _refuse(_("该节点已完成。"), "actual_on")
    problems = rules.completion_problems(
        on=on, dependencies=_dependencies(node), today=timezone.localdate(), signed_on=node.project.signed_on
    )
    if problems:
        raise PlanError(problems)
    node.actual_on = on
    if evidence_note.strip():
        node.evidence_note = evidence_note.strip()
    _save(node, _("完成节点"))
    return node


@transaction.atomic
def reopen_node(*, node: ProjectNode, user: Any = None, reason: str) -> ProjectNode:
    """Undo a completion recorded by mistake, while no later node that depends on it is complete."""
    node = _locked(node)
    done = [d.name for d in node.dependents.all() if d.actual_on is not None]
    problems = rules.reopen_problems(dependents_done=done) or rules.delay_problems(reason)
    if problems:
        raise PlanError(problems)
    node.actual_on = None
    _save(node, reason.strip())
    return node


@transaction.atomic
def record_delay(*, node: ProjectNode, reason: str, user: Any = None) -> ProjectNode:
    """Record why a node is (or will be) late; the warnings read it."""
    node = _locked(node)
    problems = rules.delay_problems(reason)
    if problems:
        raise PlanError(problems)
    node.delay_reason = reason.strip()
    _save(node, _("记录延期原因"))
    return node


@transaction.atomic
def assign_node(
    *, node: ProjectNode, planned_on: date, person: Any = None, user: Any = None, reason: str = ""
) -> ProjectNode:
    """Change a node's planned date and responsible person; moving the date needs a reason."""
    node = _locked(node)
    if planned_on != node.planned_on:
        problems = rules.delay_problems(reason)
        if problems:
            raise PlanError([Problem("reason", _("调整计划日期须填写原因。"))])
        node.delay_reason = reason.strip()
    node.planned_on = planned_on
    node.person = person
    _save(node, reason.strip() or _("调整节点"))
    return node


def _upstream(
    node: ProjectNode, by_id: dict[int, ProjectNode], deps: dict[int, list[int]]
) -> list[ProjectNode]:
    """The node's open dependencies, transitively, dependencies first."""
    out: list[ProjectNode] = []
    seen: set[int] = set()

    def visit(pk: int) -> None:
        for dep in deps.get(pk, []):
            if dep in seen:
                continue
            seen.add(dep)
            visit(dep)
            if by_id[dep].actual_on is None:
                out.append(by_id[dep])

    visit(node.pk)
    return out


def complete_reached(project: Project, reached: dict[str, date], *, user: Any = None) -> list[ProjectNode]:
    """Complete the open nodes whose ledger stage the project reached, on the stage's date.

    A stage reached in the ledger is a fact (开工 means the 施工许可 was obtained), so the node's open
    dependencies are completed on the same date with a note saying so; a dependency completed *after* that
    date contradicts it and leaves the node open (logged) rather than breaking the rule.
    """
    nodes = list(ProjectNode.objects.filter(project=project))
    if not nodes or not any(n.ledger_stage in reached and n.actual_on is None for n in nodes):
        return []
    by_id = {n.pk: n for n in nodes}
    deps: dict[int, list[int]] = {}
    links = ProjectNode.depends_on.through.objects.filter(from_projectnode__project=project)
    for from_id, to_id in links.values_list("from_projectnode_id", "to_projectnode_id"):
        deps.setdefault(from_id, []).append(to_id)
    done: list[ProjectNode] = []
    for node in sorted(nodes, key=lambda n: (n.order, n.pk)):
        on = reached.get(node.ledger_stage) if node.ledger_stage else None
        if on is None or node.actual_on is not None:
            continue
        upstream = _upstream(node, by_id, deps)
        later = [
            by_id[d]
            for d in _all_upstream(node.pk, deps)
            if (done_on := by_id[d].actual_on) is not None and done_on > on
        ]
        if later:
            log.warning(
                "node %s of project %s left open: dependency done after the stage date", node.code, project.pk
            )
            continue
        label = str(Stage(node.ledger_stage).label)
        note = _("依据台账阶段“%(stage)s”（%(d)s）完成。") % {"stage": label, "d": on.isoformat()}
        for item in [*upstream, node]:
            item.actual_on = on
            if not item.evidence_note:
                item.evidence_note = note
            _save(item, note)
            done.append(item)
    return done


def _all_upstream(pk: int, deps: dict[int, list[int]]) -> set[int]:
    seen: set[int] = set()
    stack = list(deps.get(pk, []))
    while stack:
        dep = stack.pop()
        if dep not in seen:
            seen.add(dep)
            stack.extend(deps.get(dep, []))
    return seen


def reached_stages(project: Project) -> dict[str, date]:
    """The ledger stages the project has passed through, with their dates."""
    return {s: d for s in stages.ORDER if (d := project.stage_date(s)) is not None}


def on_stages_reached(events: Sequence[Any], user: Any = None) -> None:
    """The ledger's stage hook (projects/progress.py): complete the nodes of the stages the projects of
    `events` have reached, on the ledger's dates."""
    ids = {event.project_id for event in events}
    with_nodes = set(
        ProjectNode.objects.filter(
            project_id__in=list(ids), actual_on__isnull=True, ledger_stage__in=stages.ORDER
        ).values_list("project_id", flat=True)
    )
    for project in Project.all_objects.filter(pk__in=with_nodes):
        complete_reached(project, reached_stages(project), user=user)


@dataclass(frozen=True)
class NodeInput:
    """A template node as the editor (or the API) proposes it; `depends_on` are codes."""

    code: str
    name: str
    order: int = 0
    anchor: str = schedule.SIGNING
    offset_days: int = 0
    depends_on: tuple[str, ...] = ()
    evidence: str = ""
    ledger_stage: str = ""
    unit_kind: str = ""


@transaction.atomic
def save_template(*, template: NodeTemplate, nodes: Sequence[NodeInput], user: Any = None) -> NodeTemplate:
    """Save a template with exactly `nodes` (existing ones matched by code; plans already made keep their
    copies). Refused with the rules' problems when the nodes cannot be scheduled."""
    specs = [schedule.NodeSpec(n.code, n.anchor, n.offset_days, n.depends_on) for n in nodes]
    problems = rules.template_problems(specs, {n.code: n.name for n in nodes})
    if problems:
        raise PlanError(problems)
    same_region = Q(region__isnull=True) if template.region_id is None else Q(region_id=template.region_id)
    clash = NodeTemplate.objects.filter(
        same_region, project_type=template.project_type, is_active=True
    ).exclude(pk=template.pk)
    if template.is_active and clash.exists():
        raise _refuse(
            _("该区县已有此项目类型的启用模板：%(name)s。") % {"name": clash.first()}, "project_type"
        )
    template._change_reason = _("编辑节点模板")
    template.save()
    existing = {n.code: n for n in template.nodes.all()}
    keep: dict[str, TemplateNode] = {}
    for n in nodes:
        row = existing.get(n.code) or TemplateNode(template=template, code=n.code)
        row.name, row.order, row.anchor, row.offset_days = n.name, n.order, n.anchor, n.offset_days
        row.evidence, row.ledger_stage, row.unit_kind = n.evidence, n.ledger_stage, n.unit_kind
        row.save()
        keep[n.code] = row
    template.nodes.exclude(pk__in=[r.pk for r in keep.values()]).delete()
    for n in nodes:
        keep[n.code].depends_on.set([keep[d] for d in n.depends_on])
    return template
