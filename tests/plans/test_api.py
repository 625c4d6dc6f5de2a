"""/api/plans through HTTP: a plan made, listed and read; nodes completed (refused before their
dependencies with the rule's words), delays recorded; another district sees nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.factories import ProjectFactory, RegionFactory, UserFactory
from zhaoshang.accounts.models import Role
from zhaoshang.accounts.tokens import issue_token
from zhaoshang.plans.models import ProjectNode
from zhaoshang.projects.models import Stage

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def project():
    return ProjectFactory(
        region=RegionFactory(), stage=Stage.SIGNED, signed_on=date(2024, 1, 31), contract_investment=10**9
    )


def bearer(user) -> dict[str, str]:
    _token, secret = issue_token(user=user, name="test")
    return {"Authorization": f"Bearer {secret}"}


def post(client, url, body, headers):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def test_a_plan_is_made_read_and_its_nodes_completed(client, project):
    admin = bearer(UserFactory(role=Role.DISTRICT_ADMIN, region=project.region))
    assert client.get(f"/api/plans/projects/{project.pk}", headers=admin).status_code == 404
    made = post(client, f"/api/plans/projects/{project.pk}", {"start_on": "2024-09-01"}, admin)
    assert made.status_code == 201, made.content
    plan = made.json()
    assert plan["start_on"] == "2024-09-01"
    by_code = {n["code"]: n for n in plan["nodes"]}
    assert by_code["permit"]["planned_on"] == "2024-08-17"
    assert set(by_code["permit"]["depends_on"]) == {"planning", "env"}
    assert by_code["review"]["actual_on"] == "2024-01-31"

    refused = post(
        client, f"/api/plans/nodes/{by_code['env']['id']}/complete", {"actual_on": "2024-03-01"}, admin
    )
    assert refused.status_code == 422
    assert "前置节点“备案立项”尚未完成" in refused.json()["error"]["message"]
    assert ProjectNode.objects.get(pk=by_code["env"]["id"]).actual_on is None

    done = post(
        client, f"/api/plans/nodes/{by_code['filing']['id']}/complete", {"actual_on": "2024-02-20"}, admin
    )
    assert done.status_code == 200 and done.json()["actual_on"] == "2024-02-20"
    assert done.json()["days_late"] == 0
    late = post(
        client, f"/api/plans/nodes/{by_code['land']['id']}/delay", {"delay_reason": "用地指标待下达"}, admin
    )
    assert late.json()["delay_reason"] == "用地指标待下达"

    overdue = client.get(
        "/api/plans/nodes", {"state": "overdue", "project_id": project.pk}, headers=admin
    ).json()
    assert "filing" not in {n["code"] for n in overdue["items"]}
    assert "land" in {n["code"] for n in overdue["items"]} and overdue["total"] >= 1


def test_a_second_plan_and_an_early_start_are_refused(client, project):
    admin = bearer(UserFactory(role=Role.DISTRICT_ADMIN, region=project.region))
    early = post(client, f"/api/plans/projects/{project.pk}", {"start_on": "2024-02-10"}, admin)
    assert early.status_code == 422 and "计划开工日期过早" in early.json()["error"]["message"]
    assert post(client, f"/api/plans/projects/{project.pk}", {}, admin).status_code == 201
    again = post(client, f"/api/plans/projects/{project.pk}", {}, admin)
    assert again.status_code == 422 and "已有节点计划" in again.json()["error"]["message"]


def test_a_leader_reads_another_district_sees_nothing(client, project):
    post(
        client,
        f"/api/plans/projects/{project.pk}",
        {},
        bearer(UserFactory(role=Role.DISTRICT_ADMIN, region=project.region)),
    )
    node = ProjectNode.objects.filter(project=project, actual_on__isnull=True).first()
    leader = bearer(UserFactory(role=Role.LEADER, region=project.region))
    assert client.get(f"/api/plans/projects/{project.pk}", headers=leader).status_code == 200
    assert post(client, f"/api/plans/nodes/{node.pk}/delay", {"delay_reason": "x"}, leader).status_code == 403
    outsider = bearer(UserFactory(role=Role.DISTRICT_ADMIN, region=RegionFactory()))
    assert client.get(f"/api/plans/projects/{project.pk}", headers=outsider).status_code == 404
    assert client.get("/api/plans/nodes", headers=outsider).json()["total"] == 0
    assert (
        post(client, f"/api/plans/nodes/{node.pk}/delay", {"delay_reason": "x"}, outsider).status_code == 404
    )


def test_the_templates_are_listed_with_their_nodes(client, project):
    officer = bearer(UserFactory(role=Role.OFFICER, region=project.region))
    templates = client.get("/api/plans/templates", headers=officer).json()
    default = next(t for t in templates if t["name"] == "新建项目节点计划（默认）")
    assert default["region"] is None and len(default["nodes"]) == 12
    start = next(n for n in default["nodes"] if n["code"] == "start")
    assert (
        start["anchor"] == "start"
        and start["ledger_stage"] == "started"
        and start["depends_on"] == ["permit"]
    )


def test_the_routes_are_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {
        "/api/plans/nodes",
        "/api/plans/projects/{project_id}",
        "/api/plans/nodes/{node_id}/complete",
    } <= set(paths)
