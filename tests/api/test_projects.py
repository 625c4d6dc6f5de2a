"""/api/projects: the ledger's filters, pagination, and writes through the same rules as the pages."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.accounts.world import marker
from zhaoshang.projects.models import Project, StageEvent

pytestmark = pytest.mark.django_db


def get(client, headers, url, **params):
    response = client.get(url, params, headers=headers)
    return response.status_code, response.json()


def send(client, headers, method, url, body):
    response = getattr(client, method)(
        url, json.dumps(body), content_type="application/json", headers=headers
    )
    return response.status_code, response.json()


def test_filtering_to_shapingba_2022_h1_gives_the_ledgers_50_projects(client, bearer):
    status, page = get(client, bearer("admin"), "/api/projects", region="500106", period="2022H1")
    assert status == 200 and page["total"] == 50
    assert 32_000_000_000 < page["contract_investment_total"] < 32_100_000_000


def test_the_manufacturing_filter_gives_122_yi(client, bearer):
    _status, page = get(
        client, bearer("admin"), "/api/projects", region="500106", period="2022H1", manufacturing="true"
    )
    assert page["total"] == 18 and page["contract_investment_total"] == 12_200_000_000
    assert all(p["is_manufacturing"] for p in page["items"])


def test_pages_are_cut_by_limit_and_offset_with_the_total(client, bearer):
    headers, params = (
        bearer("admin"),
        {"region": "500106", "period": "2022H1", "ordering": "-contract_investment"},
    )
    _s, first = get(client, headers, "/api/projects", limit=20, offset=0, **params)
    _s, last = get(client, headers, "/api/projects", limit=20, offset=40, **params)
    assert (first["total"], len(first["items"]), len(last["items"])) == (50, 20, 10)
    amounts = [p["contract_investment"] for p in first["items"] + last["items"]]
    assert amounts[:20] == sorted(amounts[:20], reverse=True)
    assert not {p["id"] for p in first["items"]} & {p["id"] for p in last["items"]}


def test_a_district_user_lists_only_their_district(client, world, bearer):
    _s, page = get(client, bearer("jlp_officer"), "/api/projects", limit=200)
    assert {p["region"]["code"] for p in page["items"]} == {"500107"}
    assert page["total"] == Project.objects.filter(region__code="500107").count()


def test_a_region_out_of_reach_is_a_bad_filter(client, bearer, world):
    status, body = get(client, bearer("jlp_officer"), "/api/projects", region="500106")
    assert status == 400 and body["error"]["code"] == "bad_request" and "region" in body["error"]["details"]


def test_a_bad_period_is_answered_in_chinese(client, bearer):
    status, body = get(client, bearer("admin"), "/api/projects", period="2022Q5")
    assert status == 400 and "无法识别的期间" in json.dumps(body["error"]["details"], ensure_ascii=False)


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 500}, {"offset": -1}, {"stage": "done"}, {"region": "50"}]
)
def test_out_of_range_parameters_are_422(client, bearer, params):
    status, body = get(client, bearer("admin"), "/api/projects", **params)
    assert status == 422 and body["error"]["code"] == "validation_error" and body["error"]["details"]


def test_the_detail_of_a_project_out_of_reach_is_404(client, world, bearer):
    status, body = get(client, bearer("spb_officer"), f"/api/projects/{world['500107'].project.pk}")
    assert status == 404 and body["error"]["code"] == "not_found"
    status, body = get(client, bearer("spb_officer"), f"/api/projects/{world['500106'].project.pk}")
    assert (
        status == 200
        and body["name"] == f"{marker('500106')}项目"
        and body["events"][0]["to_stage"] == "signed"
    )


def new_project(**overrides):
    today = date.today().isoformat()
    return {
        "name": "接口录入项目",
        "region": "500106",
        "stage": "signed",
        "lead_on": today,
        "signed_on": today,
        "contract_investment": 350_000_000,
        "industry_code": "3670",
        "investors": ["赛力斯"],
    } | overrides


def test_an_officer_creates_a_project_and_moves_it_to_registered(client, world, bearer):
    headers = bearer("spb_officer")
    status, created = send(client, headers, "post", "/api/projects", new_project())
    assert status == 201 and created["contract_investment"] == 350_000_000 and created["is_manufacturing"]
    assert created["owner"]["id"] == world["500106"].officer.pk and created["investors"][0]["name"]
    status, moved = send(
        client,
        headers,
        "post",
        f"/api/projects/{created['id']}/stage",
        {"to_stage": "registered", "on": date.today().isoformat(), "comment": "已注册"},
    )
    assert status == 200 and moved["stage"] == "registered"
    event = StageEvent.objects.filter(project_id=created["id"]).last()
    assert (event.from_stage, event.to_stage, event.created_by) == (
        "signed",
        "registered",
        world["500106"].officer,
    )


def test_creating_in_another_district_is_forbidden(client, world, bearer):
    before = Project.objects.count()
    status, body = send(client, bearer("spb_officer"), "post", "/api/projects", new_project(region="500107"))
    assert status == 403 and body["error"]["code"] == "forbidden" and Project.objects.count() == before


def test_a_leader_may_not_create_update_or_move_a_project(client, world, bearer):
    headers, project = bearer("spb_leader"), world["500106"].project
    assert send(client, headers, "post", "/api/projects", new_project())[0] == 403
    assert send(client, headers, "patch", f"/api/projects/{project.pk}", {"notes": "x"})[0] == 403
    assert (
        send(
            client,
            headers,
            "post",
            f"/api/projects/{project.pk}/stage",
            {"to_stage": "registered", "on": date.today().isoformat()},
        )[0]
        == 403
    )


def test_an_officer_may_not_update_a_colleagues_project(client, world, bearer):
    project = world["500106"].colleague_project
    status, body = send(client, bearer("spb_officer"), "patch", f"/api/projects/{project.pk}", {"notes": "x"})
    assert status == 403 and "无权" in body["error"]["message"]


def test_writes_to_a_project_out_of_reach_are_404_and_change_nothing(client, world, bearer):
    project = world["500107"].project
    assert send(client, bearer("spb_admin"), "patch", f"/api/projects/{project.pk}", {"notes": "x"})[0] == 404
    assert (
        send(
            client,
            bearer("spb_admin"),
            "post",
            f"/api/projects/{project.pk}/stage",
            {"to_stage": "registered", "on": date.today().isoformat()},
        )[0]
        == 404
    )
    project.refresh_from_db()
    assert project.notes == "" and project.stage == "signed"


def test_an_update_changes_only_the_fields_sent(client, world, bearer):
    project = world["500106"].project
    project.contract_investment = 12_345_678_901  # not a round number of 万元: must survive untouched
    project.save()
    status, body = send(
        client, bearer("spb_admin"), "patch", f"/api/projects/{project.pk}", {"notes": "补充说明"}
    )
    assert status == 200 and body["notes"] == "补充说明"
    project.refresh_from_db()
    assert project.contract_investment == 12_345_678_901 and project.investors.count() == 1
    assert project.direction is not None and project.park is not None
    assert project.history.first().history_user == world["500106"].admin  # the token's user, for the audit


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"contract_investment": None}, "contract_investment"),
        ({"industry_code": "9999"}, "industry_code"),
        ({"signed_on": None}, "signed_on"),
        ({"signed_on": "2999-01-01", "lead_on": "2999-01-01"}, "signed_on"),
    ],
)
def test_the_ledgers_rules_apply_with_chinese_messages(client, bearer, overrides, field):
    before = Project.objects.count()
    status, body = send(client, bearer("spb_admin"), "post", "/api/projects", new_project(**overrides))
    assert status == 422 and field in body["error"]["details"]
    assert Project.objects.count() == before


def test_a_stage_change_the_rules_forbid_is_409_with_the_reason(client, world, bearer):
    project = world["500106"].project
    status, body = send(
        client,
        bearer("spb_admin"),
        "post",
        f"/api/projects/{project.pk}/stage",
        {"to_stage": "terminated", "on": date.today().isoformat()},
    )
    assert status == 409 and body["error"]["code"] == "stage_rule" and "终止原因" in body["error"]["message"]


def test_an_unknown_field_is_rejected(client, bearer):
    status, body = send(client, bearer("spb_admin"), "post", "/api/projects", new_project(is_secret=True))
    assert status == 422 and body["error"]["code"] == "validation_error"


def test_an_update_based_on_an_old_version_is_refused_with_their_changes(client, world, bearer):
    project = world["500106"].project
    url = f"/api/projects/{project.pk}"
    version = client.get(url, headers=bearer("spb_admin")).json()["version"]
    assert (
        send(client, bearer("spb_officer"), "patch", url, {"notes": "专员先改", "version": version})[0] == 200
    )
    status, body = send(
        client, bearer("spb_admin"), "patch", url, {"notes": "管理员后改", "version": version}
    )
    assert status == 409 and body["error"]["code"] == "concurrent_edit"
    assert any(c["new"] == "专员先改" for c in body["error"]["details"]["changes"])
    project.refresh_from_db()
    assert project.notes == "专员先改"


def test_a_change_to_a_reported_period_needs_an_amendment_reason(client, world, bearer):
    from zhaoshang.targets.models import PeriodReport

    project = world["500106"].project
    PeriodReport.objects.create(
        region=project.region, period_code="today", start=project.signed_on, end=project.signed_on
    )
    url = f"/api/projects/{project.pk}"
    status, body = send(client, bearer("spb_admin"), "patch", url, {"contract_investment": 200_000_000})
    assert status == 409 and body["error"]["code"] == "period_locked"
    status, body = send(
        client,
        bearer("spb_admin"),
        "patch",
        url,
        {"contract_investment": 200_000_000, "amendment_reason": "合同补充协议"},
    )
    assert status == 200 and body["contract_investment"] == 200_000_000
