"""/api/enterprises, /api/targets and /api/regions: scoped reads, and target writes by level."""

from __future__ import annotations

import json

import pytest

from tests.accounts.world import marker
from zhaoshang.targets.models import Target

pytestmark = pytest.mark.django_db


def test_enterprises_are_those_the_district_deals_with(client, world, bearer):
    page = client.get("/api/enterprises", {"q": "哨兵", "limit": 200}, headers=bearer("spb_officer")).json()
    assert [e["name"] for e in page["items"]] == [f"{marker('500106')}企业"]
    other = world["500107"].enterprise
    assert client.get(f"/api/enterprises/{other.pk}", headers=bearer("spb_officer")).status_code == 404


def test_an_enterprise_is_found_by_its_former_name(client, bearer):
    page = client.get("/api/enterprises", {"q": "小康"}, headers=bearer("admin")).json()
    assert any("赛力斯" in e["name"] and "小康" in "".join(e["former_names"]) for e in page["items"])


def test_targets_list_only_the_districts(client, world, bearer):
    page = client.get("/api/targets", {"limit": 200}, headers=bearer("spb_admin")).json()
    assert page["total"] > 0 and {t["region"]["code"] for t in page["items"]} == {"500106"}
    manufacturing = client.get(
        "/api/targets",
        {"metric": "manufacturing_contract_investment", "year": 2022},
        headers=bearer("spb_admin"),
    ).json()["items"]
    assert [t["value"] for t in manufacturing] == [11_200_000_000]


def post(client, headers, body):
    return client.post("/api/targets", json.dumps(body), content_type="application/json", headers=headers)


def test_a_district_admin_sets_its_own_targets_but_not_municipal_tasks(client, world, bearer):
    body = {"region": "500106", "year": 2023, "metric": "signed_projects", "level": "district", "value": "60"}
    created = post(client, bearer("spb_admin"), body)
    assert created.status_code == 201 and created.json()["value"] == 60
    assert post(client, bearer("spb_admin"), body | {"level": "municipal"}).status_code == 403
    assert post(client, bearer("spb_admin"), body | {"region": "500107"}).status_code == 404
    assert post(client, bearer("spb_officer"), body | {"year": 2024}).status_code == 403
    assert post(client, bearer("spb_admin"), body).status_code == 409  # the same target twice


def test_a_city_admin_sets_municipal_tasks_and_updates_a_value(client, world, bearer):
    body = {
        "region": "500107",
        "year": 2023,
        "metric": "contract_investment",
        "level": "municipal",
        "value": "30000000000",
    }
    created = post(client, bearer("cq_city"), body).json()
    response = client.patch(
        f"/api/targets/{created['id']}",
        json.dumps({"value": "31000000000"}),
        content_type="application/json",
        headers=bearer("cq_city"),
    )
    assert response.status_code == 200 and Target.objects.get(pk=created["id"]).value == 31_000_000_000
    leader = client.patch(
        f"/api/targets/{created['id']}",
        json.dumps({"value": "1"}),
        content_type="application/json",
        headers=bearer("jlp_leader"),
    )
    assert leader.status_code == 403


def test_an_unknown_scope_is_refused(client, bearer):
    body = {
        "region": "500106",
        "year": 2023,
        "metric": "signed_projects",
        "level": "district",
        "value": "1",
        "scope": "direction:abc",
    }
    response = post(client, bearer("spb_admin"), body)
    assert response.status_code == 422 and "scope" in response.json()["error"]["details"]


def test_regions_are_those_in_reach_and_lookup_finds_by_name(client, world, bearer):
    city = client.get("/api/regions", {"level": "county", "limit": 200}, headers=bearer("cq_city")).json()
    assert city["total"] == 38
    found = client.get("/api/regions/lookup", {"q": "沙坪坝"}, headers=bearer("spb_officer")).json()
    assert found["code"] == "500106" and found["parent_code"]
    assert (
        client.get("/api/regions/lookup", {"q": "九龙坡"}, headers=bearer("spb_officer")).status_code == 404
    )
    assert client.get("/api/regions/500107", headers=bearer("spb_officer")).status_code == 404
    assert client.get("/api/regions/500106", headers=bearer("spb_officer")).json()["name"] == "沙坪坝区"
