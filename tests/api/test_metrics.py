"""/api/metrics gives the numbers of `zhaoshang summary`, from the same registry, scoped to the caller."""

from __future__ import annotations

import json

import pytest

from tests.support import call

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("period", ["2022H1", "2022", "2022-05", "2022-01-01..2022-06-30"])
def test_the_metrics_equal_the_summary_command(client, bearer, period):
    response = client.get(
        "/api/metrics", {"region": "500106", "period": period}, headers=bearer("spb_leader")
    )
    assert response.status_code == 200
    api = response.json()
    summary = json.loads(call("summary", "--region", "500106", "--period", period, "--json"))
    assert api.pop("scope") == ""
    assert api == summary


def test_the_shapingba_case_by_api(client, bearer):
    out = client.get("/api/metrics", {"region": "沙坪坝", "period": "2022H1"}, headers=bearer("admin")).json()
    assert out["region"] == "500106" and out["signed_projects"] == 50
    assert out["manufacturing_contract_investment_yuan"] == 12_200_000_000
    assert 32_000_000_000 < out["contract_investment_yuan"] < 32_100_000_000


def test_a_scope_narrows_the_metrics(client, bearer):
    out = client.get(
        "/api/metrics",
        {"region": "500106", "period": "2022H1", "scope": "manufacturing"},
        headers=bearer("admin"),
    ).json()
    assert out["contract_investment_yuan"] == 12_200_000_000 and out["scope"] == "manufacturing"


def test_another_districts_metrics_are_not_found(client, bearer, world):
    response = client.get(
        "/api/metrics", {"region": "500107", "period": "2022H1"}, headers=bearer("spb_admin")
    )
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    city = client.get("/api/metrics", {"region": "500000", "period": "2022H1"}, headers=bearer("spb_admin"))
    assert city.status_code == 404


def test_a_city_admin_gets_the_whole_city(client, bearer, world):
    response = client.get("/api/metrics", {"region": "500000", "period": "2022H1"}, headers=bearer("cq_city"))
    assert response.status_code == 200 and response.json()["signed_projects"] > 50


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"region": "500106", "period": "2022Q5"}, 400),
        ({"region": "500106", "period": "2022", "scope": "nope"}, 400),
        ({"region": "500106"}, 422),
    ],
)
def test_bad_metrics_parameters_are_refused_in_chinese(client, bearer, params, status):
    response = client.get("/api/metrics", params, headers=bearer("admin"))
    assert response.status_code == status and response.json()["error"]["message"]
