"""Planned dates of a project's nodes (节点计划) from its signing date, its target start and the template.

Each node is anchored either to the signing date (顺排: signing + offset) or to the target start date (倒排:
target start + offset, usually a negative offset such as -15 days for 施工许可). Dependencies then settle
the order, without ever moving the target:

1. a node anchored to the start pulls its start-anchored dependencies back so they are due no later than
   itself (backward pass, so 规划许可 is due before 施工许可 which is due before 开工);
2. a node anchored to signing is pushed forward so it is due no earlier than any dependency (forward pass).

What is still out of order afterwards (a start-anchored node due before a signing-anchored dependency:
the target start leaves too little time) is reported as a conflict, never silently widened.

Pure: plain dataclasses in and out, no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

SIGNING = "signing"
START = "start"
ANCHORS = (SIGNING, START)


@dataclass(frozen=True)
class NodeSpec:
    """A node as the template defines it: its code, anchor, offset in days, and the codes it depends on."""

    code: str
    anchor: str = SIGNING
    offset_days: int = 0
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conflict:
    """`code` is due on `due`, before its dependency `depends_on`, due on `dependency_due`."""

    code: str
    due: date
    depends_on: str
    dependency_due: date


@dataclass(frozen=True)
class Schedule:
    start: date  # the target start date the start-anchored nodes were scheduled back from
    planned: Mapping[str, date] = field(default_factory=dict)
    conflicts: tuple[Conflict, ...] = ()


class ScheduleError(ValueError):
    """A template that cannot be scheduled: an unknown anchor or dependency, a duplicate code, a cycle."""


def order(specs: Sequence[NodeSpec]) -> list[NodeSpec]:
    """The nodes in dependency order (each after what it depends on), stable in the given order otherwise.

    Raises ScheduleError for a duplicate code, an unknown dependency or a cycle.
    """
    by_code: dict[str, NodeSpec] = {}
    for spec in specs:
        if spec.code in by_code:
            raise ScheduleError(f"duplicate node code {spec.code!r}")
        if spec.anchor not in ANCHORS:
            raise ScheduleError(f"node {spec.code!r} has an unknown anchor {spec.anchor!r}")
        by_code[spec.code] = spec
    for spec in specs:
        for dep in spec.depends_on:
            if dep not in by_code:
                raise ScheduleError(f"node {spec.code!r} depends on an unknown node {dep!r}")
    result: list[NodeSpec] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(spec: NodeSpec, path: tuple[str, ...]) -> None:
        if state.get(spec.code) == 2:
            return
        if state.get(spec.code) == 1:
            raise ScheduleError("dependency cycle: " + " → ".join((*path, spec.code)))
        state[spec.code] = 1
        for dep in spec.depends_on:
            visit(by_code[dep], (*path, spec.code))
        state[spec.code] = 2
        result.append(spec)

    for spec in specs:
        visit(spec, ())
    return result


def find_cycle(edges: Mapping[str, Iterable[str]]) -> tuple[str, ...] | None:
    """A dependency cycle among `edges` (code → codes it depends on) as a path, or None."""
    specs = [NodeSpec(code, depends_on=tuple(d for d in deps if d in edges)) for code, deps in edges.items()]
    try:
        order(specs)
    except ScheduleError as error:
        text = str(error)
        if text.startswith("dependency cycle: "):
            return tuple(text.removeprefix("dependency cycle: ").split(" → "))
        raise
    return None


def schedule(
    specs: Sequence[NodeSpec], *, signed_on: date, start_on: date | None = None, start_offset_days: int = 0
) -> Schedule:
    """Planned dates for `specs` of a project signed on `signed_on`, to start on `start_on` (default:
    signing + `start_offset_days`)."""
    ordered = order(specs)
    start = start_on if start_on is not None else signed_on + timedelta(days=start_offset_days)
    base = {SIGNING: signed_on, START: start}
    planned = {s.code: base[s.anchor] + timedelta(days=s.offset_days) for s in ordered}
    by_code = {s.code: s for s in ordered}
    for spec in reversed(ordered):  # backward: dependencies of a start-anchored node are due before it
        if spec.anchor != START:
            continue
        for dep in spec.depends_on:
            if by_code[dep].anchor == START and planned[dep] > planned[spec.code]:
                planned[dep] = planned[spec.code]
    for spec in ordered:  # forward: a signing-anchored node is due after what it depends on
        if spec.anchor != SIGNING:
            continue
        for dep in spec.depends_on:
            if planned[dep] > planned[spec.code]:
                planned[spec.code] = planned[dep]
    conflicts = tuple(
        Conflict(spec.code, planned[spec.code], dep, planned[dep])
        for spec in ordered
        for dep in spec.depends_on
        if planned[dep] > planned[spec.code]
    )
    return Schedule(start=start, planned={s.code: planned[s.code] for s in specs}, conflicts=conflicts)


def days_late(planned: date, *, actual: date | None, today: date) -> int:
    """How many days a node is past its planned date: completed late (actual − planned), open and overdue
    (today − planned), else 0. Due on the planned day is on time; the day after is 1 day late."""
    reference = actual if actual is not None else today
    return max(0, (reference - planned).days)
