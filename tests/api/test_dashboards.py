"""/api/cockpit and /api/ranking: the cockpit's and the ranking's numbers for dashboards, scoped like the
pages (issue 14, OpenAPI)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhaoshang.api.routers.dashboards import RankingMetric
from zhaoshang.targets.cockpit import ROLLUP_METRICS

pytestmark = pytest.mark.django_db


def test_the_cockpit_api_gives_the_numbers_of_the_cockpit_page(client, world, bearer):
    query = {"region": "500106", "period": "2022H1"}
    api = client.get("/api/cockpit", query, headers=bearer("spb_leader"))
    assert api.status_code == 200
    out = api.json()
    client.force_login(world.users["spb_leader"])
    page = client.get(reverse("targets:cockpit"), query).context
    assert (out["region"], out["region_name"], out["period"]) == ("500106", "沙坪坝区", "2022H1")
    assert [(k["key"], k["text"]) for k in out["kpis"]] == [(k.key, k.text) for k in page["kpis"]]
    assert out["gauges"] == page["gauges"] and out["gauges"]
    assert [b["count"] for b in out["bands"]] == [b["count"] for b in page["bands"]]
    assert out["kpis"][0] == {"key": "signed_projects", "label": "签约项目", "text": "50", "note": "个"}


def test_without_a_region_the_cockpit_api_opens_on_the_users_district(client, bearer):
    out = client.get("/api/cockpit", headers=bearer("spb_officer")).json()
    assert out["region"] == "500106"


def test_the_ranking_api_gives_the_numbers_of_the_ranking_page(client, world, bearer):
    query = {"city": "500000", "period": "2022H1", "metric": "signed_projects", "sort": "signed"}
    out = client.get("/api/ranking", query, headers=bearer("cq_city")).json()
    client.force_login(world.users["cq_city"])
    page = client.get(reverse("targets:rollup"), query).context
    assert [(r["region"], r["signed_projects"], r["contract_investment"]) for r in out["rows"]] == [
        (r.region.code, r.values["signed_projects"], r.values["contract_investment"]) for r in page["rows"]
    ]
    assert len(out["rows"]) > 30 and out["metric"] == "signed_projects" and out["sort"] == "signed"
    counts = [r["signed_projects"] for r in out["rows"]]
    assert counts == sorted(counts, reverse=True)


def test_a_region_out_of_reach_is_a_404_and_a_bad_period_a_chinese_400(client, bearer):
    other = client.get("/api/cockpit", {"region": "500105"}, headers=bearer("spb_officer"))
    assert other.status_code == 404
    bad = client.get("/api/cockpit", {"region": "500106", "period": "2022H9"}, headers=bearer("spb_officer"))
    assert bad.status_code == 400 and any("\u4e00" <= ch <= "\u9fff" for ch in bad.json()["error"]["message"])
    assert client.get("/api/ranking", {"city": "510100"}, headers=bearer("cq_city")).status_code == 404


def test_the_dashboards_need_a_token_or_a_session(client):
    assert client.get("/api/cockpit").status_code == 401
    assert client.get("/api/ranking").status_code == 401


def test_the_schema_names_the_ranking_metrics_and_sorts_as_enums(client):
    schema = client.get("/api/openapi.json").json()
    assert [m.value for m in RankingMetric] == ROLLUP_METRICS
    components = schema["components"]["schemas"]
    assert components["RankingOut"]["properties"]["metric"]["$ref"].endswith("RankingMetric")
    assert set(components["RankingSort"]["enum"]) >= {"completion", "amount", "code"}
    assert schema["paths"]["/api/cockpit"]["get"]["description"].startswith("某区划")
    assert components["RankingRow"]["properties"]["contract_investment"]["description"].startswith(
        "合同投资额"
    )
