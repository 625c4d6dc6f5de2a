"""Demo node plans for 沙坪坝区: most nodes done on time or due later (green), a few a little late (yellow)
and some long overdue (red), so the plan pages and the warnings have material.

Deterministic for a given day: its own random generator, seeded, so the rest of the demo is unchanged.
The ledger's dates are history (2021–2022); the plan's past nodes are completed around their planned
dates, the not-yet-reached ledger stages are re-planned into the future, then a few projects are put
behind on purpose.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from zhaoshang.plans.models import ProjectNode
from zhaoshang.plans.services import create_plan
from zhaoshang.projects import stages
from zhaoshang.projects.models import Project

DELAY_REASONS = (
    "用地指标待市里下达，已协调规划自然资源局加快办理",
    "环评报告需补充噪声监测数据，企业正在整改",
    "企业总部投资决策推迟，已约谈企业负责人",
    "施工图审查意见未完全回复",
    "征地拆迁尚有 2 户未签约",
)


def build(region_code: str, *, today: date | None = None, seed: int = 20221) -> dict[str, int]:
    """Give every live signed project of the district a plan; returns counts by intended colour."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    counts = {"green": 0, "yellow": 0, "red": 0}
    projects = Project.objects.filter(region__code=region_code, stage__in=stages.SIGNED_OR_LATER).order_by(
        "pk"
    )
    for project in projects:
        started = project.started_on
        start_on = started if started else today + timedelta(days=rng.randint(30, 300))
        create_plan(project=project, start_on=start_on, allow_conflicts=True)
        nodes = list(
            ProjectNode.objects.filter(project=project).prefetch_related("depends_on").order_by("order")
        )
        reached = {s for s in stages.ORDER if project.stage_date(s) is not None}
        _complete_the_past(nodes, reached, today, rng)
        roll = rng.random()
        colour = "red" if roll < 0.15 else "yellow" if roll < 0.27 else "green"
        if colour != "green" and _put_behind(nodes, today, rng, red=colour == "red"):
            counts[colour] += 1
        else:
            counts["green"] += 1
    return counts


def _complete_the_past(nodes: list[ProjectNode], reached: set[str], today: date, rng: random.Random) -> None:
    """Nodes due before today: done near their planned date if the ledger allows, else re-planned."""
    done: dict[int, date] = {n.pk: n.actual_on for n in nodes if n.actual_on}
    for node in nodes:
        if node.actual_on is not None or node.planned_on >= today:
            continue
        deps = list(node.depends_on.all())
        if (node.ledger_stage and node.ledger_stage not in reached) or any(d.pk not in done for d in deps):
            node.planned_on = today + timedelta(days=rng.randint(20, 400))
            node.delay_reason = "计划调整：按企业最新进度重新排期"
        else:
            floor = max([done[d.pk] for d in deps], default=node.planned_on)
            on = min(today, max(floor, node.planned_on + timedelta(days=rng.randint(-12, 8))))
            node.actual_on = on
            node.evidence_note = "已核验：" + "、".join(node.evidence_items[:1] or ["相关材料"])
            done[node.pk] = on
        node._change_reason = "演示数据"
        node.save()


def _put_behind(nodes: list[ProjectNode], today: date, rng: random.Random, *, red: bool) -> bool:
    """Move the first open node whose dependencies are done into the past: 1–25 days (yellow) or
    31–150 days (red) overdue."""
    done = {n.pk for n in nodes if n.actual_on}
    for node in nodes:
        if node.actual_on is None and all(d.pk in done for d in node.depends_on.all()):
            late = rng.randint(31, 150) if red else rng.randint(1, 25)
            node.planned_on = today - timedelta(days=late)
            node.delay_reason = rng.choice(DELAY_REASONS) if red and rng.random() < 0.6 else ""
            node._change_reason = "演示数据"
            node.save()
            return True
    return False
