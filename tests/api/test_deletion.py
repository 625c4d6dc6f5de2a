"""DELETE /api/projects/{id}, /api/leads/{id} and their /restore: the pages' rule and the API's error body."""

from __future__ import annotations

import pytest

from tests.accounts.world import A, B
from zhaoshang.leads.models import Lead
from zhaoshang.lib.periods import parse_period
from zhaoshang.projects.models import Project
from zhaoshang.regions.models import Region
from zhaoshang.targets.models import Amendment
from zhaoshang.targets.reporting import report_period

pytestmark = pytest.mark.django_db

REASON = "重复录入"


def delete(client, headers, url, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.delete(f"{url}?{query}" if query else url, headers=headers)


def test_a_deleted_project_is_gone_from_the_api_until_restored(client, bearer, world):
    headers, project = bearer("spb_admin"), world[A].project
    assert client.get("/api/projects", {"q": project.name}, headers=headers).json()["total"] == 1
    response = delete(client, headers, f"/api/projects/{project.pk}", reason=REASON)
    assert response.status_code == 204 and response.content == b""
    assert client.get(f"/api/projects/{project.pk}", headers=headers).status_code == 404
    assert client.get("/api/projects", {"q": project.name}, headers=headers).json()["total"] == 0
    record = project.history.latest("history_date")
    assert record.history_change_reason == f"删除：{REASON}" and record.history_token  # the token is recorded
    response = client.post(f"/api/projects/{project.pk}/restore", headers=headers)
    assert response.status_code == 200 and response.json()["id"] == project.pk
    assert client.get(f"/api/projects/{project.pk}", headers=headers).status_code == 200
    assert project.history.latest("history_date").history_change_reason == "从回收站恢复"


def test_a_deletion_without_a_reason_is_a_validation_error(client, bearer, world):
    for params in ({}, {"reason": ""}, {"reason": "%20%20"}):
        response = delete(client, bearer("spb_admin"), f"/api/projects/{world[A].project.pk}", **params)
        assert response.status_code == 422 and response.json()["error"]["code"] == "validation_error"
    assert Project.objects.filter(pk=world[A].project.pk).exists()


@pytest.mark.parametrize("username", ["spb_officer", "spb_leader"])
def test_officers_and_leaders_are_refused_with_403(client, bearer, world, username):
    project, lead = world[A].project, world[A].lead
    response = delete(client, bearer(username), f"/api/projects/{project.pk}", reason=REASON)
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert delete(client, bearer(username), f"/api/leads/{lead.pk}", reason=REASON).status_code == 403
    project.soft_delete(world[A].admin, REASON)
    assert client.post(f"/api/projects/{project.pk}/restore", headers=bearer(username)).status_code == 403
    assert Project.all_objects.get(pk=project.pk).is_deleted and Lead.objects.filter(pk=lead.pk).exists()


def test_another_districts_records_are_not_found(client, bearer, world):
    theirs = world[B].project
    response = delete(client, bearer("spb_admin"), f"/api/projects/{theirs.pk}", reason=REASON)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    theirs.soft_delete(world[B].admin, REASON)
    assert client.post(f"/api/projects/{theirs.pk}/restore", headers=bearer("spb_admin")).status_code == 404
    assert (
        client.post(f"/api/leads/{world[B].lead.pk}/restore", headers=bearer("spb_admin")).status_code == 404
    )


def test_restoring_a_live_record_is_a_conflict(client, bearer, world):
    response = client.post(f"/api/projects/{world[A].project.pk}/restore", headers=bearer("spb_admin"))
    assert response.status_code == 409 and response.json()["error"]["code"] == "not_deleted"


def test_a_lead_is_deleted_and_restored_unless_its_enterprise_has_a_new_lead(client, bearer, world):
    headers, lead = bearer("spb_admin"), world[A].lead
    assert delete(client, headers, f"/api/leads/{lead.pk}", reason=REASON).status_code == 204
    assert client.get(f"/api/leads/{lead.pk}", headers=headers).status_code == 404
    newer = Lead.objects.create(enterprise=lead.enterprise, region=lead.region)
    response = client.post(f"/api/leads/{lead.pk}/restore", headers=headers)
    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "restore_conflict",
        "message": "无法恢复：该企业在本区县已有线索。请先处理现有记录。",
        "details": None,
    }
    newer.soft_delete(world[A].admin, "以原线索为准")
    assert client.post(f"/api/leads/{lead.pk}/restore", headers=headers).status_code == 200


def test_a_project_of_a_reported_period_is_deleted_only_as_an_amendment(client, bearer, admin_user):
    report = report_period(region=Region.objects.get(code=A), period=parse_period("2022H1"), user=admin_user)
    project = Project.objects.filter(region__code=A, signed_on__range=("2022-01-01", "2022-06-30")).first()
    response = delete(client, bearer("spb_admin"), f"/api/projects/{project.pk}", reason=REASON)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "period_locked"
    assert response.json()["error"]["details"] == {"periods": [{"region": A, "period": "2022H1"}]}
    response = delete(
        client, bearer("spb_admin"), f"/api/projects/{project.pk}", reason=REASON, amendment_reason="核实重复"
    )
    assert response.status_code == 204
    assert Amendment.objects.get(report=report).reason == "核实重复"
