"""The plan pages through HTTP: make a plan, complete a node (refused before its dependencies), record a
delay, export, edit a template; reach and roles decide who sees and does what."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import ProjectFactory, RegionFactory, UserFactory
from zhaoshang.accounts.models import Role
from zhaoshang.plans.models import NodeTemplate, Plan, ProjectNode
from zhaoshang.plans.services import create_plan
from zhaoshang.projects.models import Stage

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def admin(region):
    return UserFactory(role=Role.DISTRICT_ADMIN, region=region)


@pytest.fixture
def project(region):
    return ProjectFactory(
        region=region, stage=Stage.SIGNED, signed_on=date(2024, 1, 31), contract_investment=10**9
    )


def node(project, code) -> ProjectNode:
    return ProjectNode.objects.get(project=project, code=code)


def test_an_administrator_makes_a_plan_from_the_project_page(client, admin, project):
    client.force_login(admin)
    page = client.get(reverse("plans:project", args=[project.pk]))
    assert "生成节点计划" in page.content.decode()
    template = NodeTemplate.objects.get(name="新建项目节点计划（默认）")
    response = client.post(
        reverse("plans:create", args=[project.pk]), {"template": template.pk, "start_on": "2024-09-01"}
    )
    assert response.status_code == 302
    assert Plan.objects.get(project=project).start_on == date(2024, 9, 1)
    page = client.get(reverse("plans:project", args=[project.pk])).content.decode()
    assert "施工许可" in page and "2024-08-17" in page and "建筑工程施工许可证" in page


def test_completing_before_the_dependencies_is_refused_with_the_rule_s_words(client, admin, project):
    create_plan(project=project)
    client.force_login(admin)
    url = reverse("plans:complete", args=[node(project, "env").pk])
    response = client.post(url, {"actual_on": "2024-03-01"}, follow=True)
    assert "前置节点“备案立项”尚未完成，不能先完成本节点。" in response.content.decode()
    assert node(project, "env").actual_on is None
    client.post(
        reverse("plans:complete", args=[node(project, "filing").pk]),
        {"actual_on": "2024-02-20", "evidence_note": "备案证"},
    )
    client.post(url, {"actual_on": "2024-03-01"})
    assert node(project, "env").actual_on == date(2024, 3, 1)
    assert node(project, "filing").evidence_note == "备案证"


def test_a_delay_reason_is_recorded_and_shown(client, admin, project):
    create_plan(project=project)
    client.force_login(admin)
    land = node(project, "land")
    client.post(reverse("plans:delay", args=[land.pk]), {"delay_reason": "用地指标待市里下达"})
    assert node(project, "land").delay_reason == "用地指标待市里下达"
    assert "用地指标待市里下达" in client.get(reverse("plans:project", args=[project.pk])).content.decode()
    history = client.get(reverse("history:project-node", args=[land.pk])).content.decode()
    assert "用地指标待市里下达" in history


def test_the_node_list_counts_overdue_nodes_and_exports_them(client, admin, project):
    create_plan(project=project)  # signed 2024-01-31: filing (2024-03-01) and more are long overdue
    client.force_login(admin)
    page = client.get(reverse("plans:list") + "?state=overdue").content.decode()
    assert project.name in page and "逾期" in page
    response = client.get(reverse("plans:list_export") + "?state=overdue")
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("区县", "项目", "节点")
    names = {r[2] for r in rows[1:]}
    assert "备案立项" in names and "签约评审" not in names  # 签约评审 is done by the signing
    plan_export = client.get(reverse("plans:export", args=[project.pk]))
    assert plan_export.status_code == 200


def test_an_officer_updates_own_projects_nodes_a_leader_only_reads(client, region, project):
    create_plan(project=project)
    leader = UserFactory(role=Role.LEADER, region=region)
    client.force_login(leader)
    assert client.get(reverse("plans:project", args=[project.pk])).status_code == 200
    response = client.post(
        reverse("plans:complete", args=[node(project, "filing").pk]), {"actual_on": "2024-02-20"}
    )
    assert response.status_code == 403
    assert node(project, "filing").actual_on is None


def test_another_district_sees_nothing(client, project):
    create_plan(project=project)
    outsider = UserFactory(role=Role.DISTRICT_ADMIN, region=RegionFactory())
    client.force_login(outsider)
    assert client.get(reverse("plans:project", args=[project.pk])).status_code == 404
    assert (
        client.post(
            reverse("plans:complete", args=[node(project, "filing").pk]), {"actual_on": "2024-02-20"}
        ).status_code
        == 404
    )
    assert project.name not in client.get(reverse("plans:list")).content.decode()


def test_a_district_administrator_edits_the_district_s_own_template(client, admin, region):
    client.force_login(admin)
    data = {
        "name": "本区技改模板",
        "region": region.pk,
        "project_type": "retrofit",
        "start_offset_days": "60",
        "is_active": "on",
        "notes": "",
        "nodes-TOTAL_FORMS": "2",
        "nodes-INITIAL_FORMS": "0",
        "nodes-MIN_NUM_FORMS": "0",
        "nodes-MAX_NUM_FORMS": "1000",
        "nodes-0-order": "1",
        "nodes-0-code": "permit",
        "nodes-0-name": "施工许可",
        "nodes-0-anchor": "start",
        "nodes-0-offset_days": "-10",
        "nodes-0-depends": "",
        "nodes-1-order": "2",
        "nodes-1-code": "start",
        "nodes-1-name": "开工",
        "nodes-1-anchor": "start",
        "nodes-1-offset_days": "0",
        "nodes-1-depends": "permit",
        "nodes-1-ledger_stage": "started",
    }
    response = client.post(reverse("plans:template_create"), data)
    assert response.status_code == 302, response.content.decode()
    template = NodeTemplate.objects.get(name="本区技改模板")
    start = template.nodes.get(code="start")
    assert [d.code for d in start.depends_on.all()] == ["permit"]
    # A cycle is refused in words, nothing changed.
    edit = {**data, "nodes-TOTAL_FORMS": "2", "nodes-INITIAL_FORMS": "2", "nodes-0-depends": "start"}
    edit["nodes-0-id"], edit["nodes-1-id"] = template.nodes.get(code="permit").pk, start.pk
    edit["nodes-0-template"] = edit["nodes-1-template"] = template.pk
    page = client.post(reverse("plans:template", args=[template.pk]), edit).content.decode()
    assert "前置节点形成循环：施工许可 → 开工 → 施工许可。" in page
    assert not template.nodes.get(code="permit").depends_on.exists()


def test_a_district_administrator_cannot_edit_a_default_template(client, admin):
    client.force_login(admin)
    default = NodeTemplate.objects.get(name="新建项目节点计划（默认）")
    page = client.get(reverse("plans:template", args=[default.pk]))
    assert page.status_code == 200 and "保存模板" not in page.content.decode()
    assert client.post(reverse("plans:template", args=[default.pk]), {"name": "改"}).status_code == 403
