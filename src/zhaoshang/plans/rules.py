"""The rules of node plans, written once: the node forms, the services, the stage hook and the API ask them
and show the same words.

Pure: plain values in, problems (field, Chinese message) out; no query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from zhaoshang.lib import schedule
from zhaoshang.projects.rules import Problem

MAX_REASON = 500


@dataclass(frozen=True)
class Dependency:
    """A node the one being completed depends on: its name and actual date (None while open)."""

    name: str
    actual_on: date | None


def completion_problems(
    *, on: date | None, dependencies: Sequence[Dependency], today: date, signed_on: date | None = None
) -> list[Problem]:
    """A node can be completed on `on` only if every node it depends on is complete, on or before `on`;
    never in the future, never before the project was signed."""
    if on is None:
        return [Problem("actual_on", _("请填写实际完成日期。"))]
    problems = []
    if on > today:
        problems.append(Problem("actual_on", _("实际完成日期不能晚于今天。")))
    if signed_on is not None and on < signed_on:
        problems.append(
            Problem("actual_on", _("实际完成日期不能早于签约日期（%(d)s）。") % {"d": signed_on.isoformat()})
        )
    for dep in dependencies:
        if dep.actual_on is None:
            problems.append(
                Problem("actual_on", _("前置节点“%(name)s”尚未完成，不能先完成本节点。") % {"name": dep.name})
            )
        elif dep.actual_on > on:
            problems.append(
                Problem(
                    "actual_on",
                    _("实际完成日期不能早于前置节点“%(name)s”的完成日期（%(d)s）。")
                    % {"name": dep.name, "d": dep.actual_on.isoformat()},
                )
            )
    return problems


def delay_problems(reason: str) -> list[Problem]:
    text = reason.strip()
    if not text:
        return [Problem("delay_reason", _("请填写延期原因。"))]
    if len(text) > MAX_REASON:
        return [Problem("delay_reason", _("延期原因不能超过 %(n)d 个字。") % {"n": MAX_REASON})]
    return []


def reopen_problems(*, dependents_done: Sequence[str]) -> list[Problem]:
    """A completed node can be reopened only while no node that depends on it is complete."""
    if dependents_done:
        return [
            Problem(
                "actual_on",
                _("后续节点“%(names)s”已完成，不能撤销本节点的完成。")
                % {"names": "、".join(dependents_done)},
            )
        ]
    return []


def template_problems(
    nodes: Sequence[schedule.NodeSpec], names: Mapping[str, str] | None = None
) -> list[Problem]:
    """A template's nodes: at least one, unique codes, known anchors and dependencies, no cycle."""
    names = names or {}
    if not nodes:
        return [Problem("", _("模板至少需要一个节点。"))]
    problems: list[Problem] = []
    seen: set[str] = set()
    for node in nodes:
        if not node.code:
            problems.append(Problem("code", _("节点代码不能为空。")))
        if node.code in seen:
            problems.append(Problem("code", _("节点代码“%(code)s”重复。") % {"code": node.code}))
        seen.add(node.code)
        if node.anchor not in schedule.ANCHORS:
            problems.append(Problem("anchor", _("节点“%(code)s”的计划方式无效。") % {"code": node.code}))
    for node in nodes:
        for dep in node.depends_on:
            if dep not in seen:
                problems.append(
                    Problem(
                        "depends_on",
                        _("节点“%(code)s”的前置节点“%(dep)s”不存在。") % {"code": node.code, "dep": dep},
                    )
                )
            if dep == node.code:
                problems.append(
                    Problem("depends_on", _("节点“%(code)s”不能依赖自身。") % {"code": node.code})
                )
    if problems:
        return problems
    cycle = schedule.find_cycle({n.code: n.depends_on for n in nodes})
    if cycle:
        path = " → ".join(names.get(code, code) for code in cycle)
        problems.append(Problem("depends_on", _("前置节点形成循环：%(path)s。") % {"path": path}))
    return problems


def conflict_messages(conflicts: Sequence[schedule.Conflict], names: Mapping[str, str]) -> list[str]:
    """The scheduler's conflicts (a target start that leaves too little time) in words."""
    return [
        _("“%(node)s”计划于 %(due)s 完成，早于其前置节点“%(dep)s”（%(dep_due)s）：计划开工日期过早。")
        % {
            "node": names.get(c.code, c.code),
            "due": c.due.isoformat(),
            "dep": names.get(c.depends_on, c.depends_on),
            "dep_due": c.dependency_due.isoformat(),
        }
        for c in conflicts
    ]
