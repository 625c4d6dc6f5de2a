"""Giving projects plans, completing nodes, and the ledger's stage changes completing matching nodes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import ProjectFactory, RegionFactory
from zhaoshang.plans.models import NodeTemplate, Plan, ProjectNode
from zhaoshang.plans.services import (
    PlanError,
    choose_template,
    complete_node,
    create_plan,
    record_delay,
    reopen_node,
)
from zhaoshang.projects.models import ProjectType, Stage
from zhaoshang.projects.services import change_stage

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

SIGNED = date(2024, 1, 31)


@pytest.fixture
def project():
    return ProjectFactory(
        region=RegionFactory(), stage=Stage.SIGNED, signed_on=SIGNED, contract_investment=10**9
    )


def nodes(project) -> dict[str, ProjectNode]:
    return {n.code: n for n in ProjectNode.objects.filter(project=project)}


def test_the_default_templates_are_installed_by_the_migration():
    names = set(NodeTemplate.objects.filter(region__isnull=True).values_list("name", flat=True))
    assert "新建项目节点计划（默认）" in names
    full = NodeTemplate.objects.get(name="新建项目节点计划（默认）")
    assert [n.name for n in full.nodes.all()] == [
        "签约评审", "备案立项", "供地", "能评/环评", "规划许可", "施工许可", "开工", "入统入库", "竣工", "投产", "上规", "达产",
    ]  # fmt: skip
    permit = full.nodes.get(code="permit")
    assert {d.code for d in permit.depends_on.all()} == {"planning", "env"}
    assert full.nodes.get(code="start").ledger_stage == Stage.STARTED


def test_a_district_template_for_the_type_wins_over_the_default(project):
    assert choose_template(project).name == "新建项目节点计划（默认）"
    own = NodeTemplate.objects.create(name="本区新建", region=project.region, project_type=ProjectType.NEW)
    assert choose_template(project) == own
    project.project_type = ProjectType.HEADQUARTERS
    assert choose_template(project).name == "总部项目节点计划（默认）"


def test_a_plan_schedules_every_node_from_signing_and_back_from_the_start(project):
    plan = create_plan(project=project, start_on=date(2024, 9, 1))
    assert plan.start_on == date(2024, 9, 1)
    got = nodes(project)
    assert len(got) == 12
    assert got["review"].planned_on == SIGNED and got["review"].actual_on == SIGNED  # 签约 reached
    assert got["filing"].planned_on == SIGNED + timedelta(days=30)
    assert got["permit"].planned_on == date(2024, 8, 17)
    assert got["start"].planned_on == date(2024, 9, 1)
    assert {d.code for d in got["permit"].depends_on.all()} == {"planning", "env"}
    assert got["permit"].evidence_items == ["建筑工程施工许可证"]


def test_a_target_start_too_early_is_refused_with_the_reason(project):
    with pytest.raises(PlanError, match="计划开工日期过早"):
        create_plan(project=project, start_on=SIGNED + timedelta(days=20))
    assert not Plan.objects.filter(project=project).exists()


def test_an_unsigned_project_gets_no_plan_and_a_second_plan_is_refused(project):
    with pytest.raises(PlanError, match="尚未签约"):
        create_plan(project=ProjectFactory())
    create_plan(project=project)
    with pytest.raises(PlanError, match="已有节点计划"):
        create_plan(project=project)


def test_a_node_is_completed_only_after_its_dependencies(project):
    create_plan(project=project)
    got = nodes(project)
    with pytest.raises(PlanError, match="前置节点“备案立项”尚未完成"):
        complete_node(node=got["env"], on=date(2024, 3, 1))
    assert ProjectNode.objects.get(pk=got["env"].pk).actual_on is None  # nothing changed
    complete_node(node=got["filing"], on=date(2024, 2, 20), evidence_note="备案证 2402-500106-04-01-000001")
    done = complete_node(node=got["env"], on=date(2024, 3, 1))
    assert done.actual_on == date(2024, 3, 1)
    assert ProjectNode.objects.get(pk=got["filing"].pk).evidence_note.startswith("备案证")
    assert done.history.count() == 2  # created, completed: audited


def test_a_completion_cannot_be_reopened_under_a_done_dependent(project):
    create_plan(project=project)
    got = nodes(project)
    complete_node(node=got["filing"], on=date(2024, 2, 20))
    complete_node(node=got["env"], on=date(2024, 3, 1))
    with pytest.raises(PlanError, match="后续节点“能评/环评”已完成"):
        reopen_node(node=got["filing"], reason="录错")
    reopen_node(node=got["env"], reason="录错了日期")
    assert ProjectNode.objects.get(pk=got["env"].pk).actual_on is None


def test_a_delay_reason_is_recorded(project):
    create_plan(project=project)
    node = nodes(project)["land"]
    with pytest.raises(PlanError, match="请填写延期原因"):
        record_delay(node=node, reason=" ")
    record_delay(node=node, reason="用地指标待市里下达")
    assert ProjectNode.objects.get(pk=node.pk).delay_reason == "用地指标待市里下达"


def test_starting_in_the_ledger_completes_the_start_node_and_what_it_needs(project):
    create_plan(project=project)
    complete_node(node=nodes(project)["filing"], on=date(2024, 2, 20))
    today = timezone.localdate()
    change_stage(project=project, to_stage=Stage.REGISTERED, on=date(2024, 3, 1))
    change_stage(project=project, to_stage=Stage.STARTED, on=today)
    got = nodes(project)
    assert got["start"].actual_on == today
    assert got["permit"].actual_on == today and "依据台账阶段“开工”" in got["permit"].evidence_note
    assert got["filing"].actual_on == date(2024, 2, 20)  # done before: kept
    assert got["stats"].actual_on is None and got["production"].actual_on is None


def test_a_plan_for_a_project_already_in_production_completes_the_nodes_it_passed():
    project = ProjectFactory(
        region=RegionFactory(),
        stage=Stage.IN_PRODUCTION,
        signed_on=date(2022, 1, 5),
        registered_on=date(2022, 2, 1),
        started_on=date(2022, 6, 1),
        in_production_on=date(2023, 9, 1),
        contract_investment=10**9,
    )
    create_plan(project=project)
    got = nodes(project)
    assert got["start"].actual_on == date(2022, 6, 1)
    assert got["production"].actual_on == got["completion"].actual_on == date(2023, 9, 1)
    assert got["above_scale"].actual_on is None


def test_the_command_gives_plans_once(project, capsys):
    other = ProjectFactory(region=project.region)  # 线索: no plan
    call_command("plans", "create", "--region", project.region.code)
    assert "新生成节点计划 1 个" in capsys.readouterr().out
    call_command("plans", "create", "--region", project.region.code)
    out = capsys.readouterr()
    assert "新生成节点计划 0 个，已有计划 1 个" in out.out
    assert Plan.objects.filter(project=project).count() == 1
    assert not Plan.objects.filter(project=other).exists()
    assert ProjectNode.objects.filter(project=project).count() == 12


def test_the_command_refuses_an_unknown_region():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到区划"):
        call_command("plans", "create", "--region", "火星")
