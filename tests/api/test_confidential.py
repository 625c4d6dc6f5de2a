"""/api/projects and confidential projects (保密项目): the code name, no investors and no notes for everyone
but the owner and the district's administrators; searching and sorting behave as on the ledger page."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.accounts.world import A
from tests.projects.confidential import (
    CODE,
    DISCLOSED,
    INVESTOR,
    MASKED,
    NAME,
    NOTES,
    add_second_officer,
    secret_project,
)
from zhaoshang.accounts.tokens import issue_token
from zhaoshang.leads.models import Lead, LeadStage
from zhaoshang.projects.models import Project, Stage, StageEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(world) -> Project:
    _token, world.secrets["spb_officer2"] = issue_token(user=add_second_officer(world), name="test")
    project = secret_project(world)
    StageEvent.objects.create(
        project=project,
        from_stage=Stage.LEAD,
        to_stage=Stage.NEGOTIATING,
        occurred_on=date.today(),
        comment="深蓝机密动力来区考察",
    )
    return project


def get(client, headers, url, **params):
    response = client.get(url, params, headers=headers)
    assert response.status_code == 200, response.content
    return response.json()


def text(body) -> str:
    return json.dumps(body, ensure_ascii=False)


@pytest.mark.parametrize("username", DISCLOSED)
def test_the_owner_and_the_district_admin_get_the_name_investor_and_notes(client, bearer, secret, username):
    body = get(client, bearer(username), f"/api/projects/{secret.pk}")
    assert body["name"] == NAME and body["notes"] == NOTES and body["masked"] is False
    assert [i["name"] for i in body["investors"]] == [INVESTOR]
    assert body["is_confidential"] is True and body["code_name"] == CODE
    page = get(client, bearer(username), "/api/projects", q=INVESTOR)
    assert [p["name"] for p in page["items"]] == [NAME]


@pytest.mark.parametrize("username", MASKED)
def test_everyone_else_gets_the_code_name_and_nothing_that_names_the_investor(
    client, bearer, secret, username
):
    body = get(client, bearer(username), f"/api/projects/{secret.pk}")
    assert body["name"] == CODE and body["investors"] == [] and body["notes"] == "" and body["masked"] is True
    assert body["is_confidential"] is True and body["code_name"] == CODE
    assert "深蓝机密" not in text(body)
    page = get(client, bearer(username), "/api/projects", region=A, stage="negotiating")
    listed = [p for p in page["items"] if p["id"] == secret.pk]
    assert listed and listed[0]["name"] == CODE and listed[0]["investors"] == []
    assert "深蓝机密" not in text(page)


@pytest.mark.parametrize("username", MASKED)
@pytest.mark.parametrize("query", [INVESTOR, "深蓝机密", "董事长第三轮"])
def test_searching_by_the_investor_or_the_notes_finds_nothing(client, bearer, secret, username, query):
    page = get(client, bearer(username), "/api/projects", q=query)
    assert page["total"] == 0 and page["items"] == [] and page["contract_investment_total"] == 0


def test_searching_by_the_code_name_finds_it(client, bearer, secret):
    page = get(client, bearer("cq_city"), "/api/projects", q="Z 项目")
    assert [p["id"] for p in page["items"]] == [secret.pk]


def test_a_masked_editor_may_not_change_it_and_the_owner_may(client, bearer, secret):
    url = f"/api/projects/{secret.pk}"
    response = client.patch(
        url,
        json.dumps({"contract_investment": 1}),
        content_type="application/json",
        headers=bearer("cq_city"),
    )  # a city admin may edit the city's projects, not this one
    assert response.status_code == 403 and "保密项目" in response.json()["error"]["message"]
    secret.refresh_from_db()
    assert secret.name == NAME and secret.contract_investment is None
    response = client.patch(
        url,
        json.dumps({"origin_country": "德国"}),
        content_type="application/json",
        headers=bearer("spb_officer"),
    )
    assert response.status_code == 200, response.content
    secret.refresh_from_db()
    assert (
        secret.is_confidential and secret.code_name == CODE and secret.name == NAME
    )  # a partial update keeps it


def test_a_confidential_project_created_without_a_code_name_is_refused(client, bearer, world):
    body = {"name": "新保密项目", "region": A, "is_confidential": True, "lead_on": date.today().isoformat()}
    response = client.post(
        "/api/projects", json.dumps(body), content_type="application/json", headers=bearer("spb_officer")
    )
    assert response.status_code == 422 and "保密项目必须填写项目代号。" in text(response.json())
    body["code_name"] = "Q 项目（代号）"
    response = client.post(
        "/api/projects", json.dumps(body), content_type="application/json", headers=bearer("spb_officer")
    )
    assert response.status_code == 201, response.content.decode()
    assert response.json()["is_confidential"] is True


def test_a_converted_leads_project_is_left_out_for_a_masked_user(client, bearer, secret):
    lead = Lead.objects.create(
        enterprise=secret.investors.get(),
        region=secret.region,
        owner=secret.owner,
        stage=LeadStage.CONVERTED,
        project=secret,
    )
    assert get(client, bearer("spb_leader"), f"/api/leads/{lead.pk}")["project"] is None
    assert get(client, bearer("spb_officer"), f"/api/leads/{lead.pk}")["project"] == {
        "id": secret.pk,
        "name": NAME,
    }
