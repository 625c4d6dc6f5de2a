"""The bounds of a target's value (issue 10: money targets had no limit but the API's 10^15 and no CHECK):
one rule, targets/value_rules.py, applied alike by the browser form, the Excel import and the API."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.accounts.world import build_world
from tests.targets.test_views import sheet
from zhaoshang.regions.models import Region
from zhaoshang.targets.models import Target, TargetLevel
from zhaoshang.targets.value_rules import value_problem

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("unit", "value", "message"),
    [
        ("yuan", Decimal(10**13), None),  # exactly 10万亿元 is allowed
        ("yuan", Decimal(10**13 + 1), "目标值不能超过10万亿元。"),
        ("usd", Decimal(10**13 + 1), "目标值不能超过10万亿美元。"),
        ("yuan", Decimal(-1), "目标值不能为负数。"),
        ("count", Decimal(10**9), None),
        ("count", Decimal(10**9 + 1), "个数目标不能超过10亿个。"),
        ("count", Decimal("2.5"), "个数目标应为非负整数。"),
        ("count", Decimal(-1), "目标值不能为负数。"),
        ("ratio", Decimal(10), None),
        ("ratio", Decimal("10.0001"), "比率目标不能超过1000%。"),
        ("ratio", Decimal("0.4"), None),
    ],
)
def test_each_unit_has_its_bounds(unit, value, message):
    assert value_problem(unit, value) == message


def form(**changes):
    return {
        "region": Region.objects.get(code="500107").pk,
        "year": 2023,
        "metric": "contract_investment",
        "scope": "",
        "level": "district",
        "value": "300亿",
    } | changes


@pytest.mark.parametrize(
    ("metric", "typed", "message"),
    [
        ("contract_investment", "20万亿", "目标值不能超过10万亿元"),
        ("signed_projects", "20000000000", "个数目标不能超过10亿个"),
        ("manufacturing_share", "5000%", "比率目标不能超过1000%"),
    ],
)
def test_the_form_refuses_a_value_beyond_its_unit_in_chinese(admin_client, metric, typed, message):
    response = admin_client.post(reverse("targets:create"), form(metric=metric, value=typed))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Target.objects.filter(region__code="500107", year=2023).exists()


def test_the_import_refuses_the_same_values_and_writes_nothing(admin_client):
    upload = sheet(
        [
            ["500107", 2023, "签约项目数", "", "区级目标", 80],
            ["500107", 2023, "合同投资额", "", "区级目标", "20万亿"],
        ]
    )
    html = admin_client.post(reverse("targets:import"), {"file": upload, "dry_run": ""}).content.decode()
    assert "导入未执行" in html and "目标值不能超过10万亿元" in html
    assert not Target.objects.filter(region__code="500107", year=2023).exists()


def test_the_api_refuses_them_with_the_same_message(client):
    secrets = build_world().secrets

    def bearer(username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {secrets[username]}"}

    body = {
        "region": "500106",
        "year": 2023,
        "metric": "signed_projects",
        "level": "district",
        "value": "2.5",
    }
    created = client.post(
        "/api/targets", json.dumps(body), content_type="application/json", headers=bearer("spb_admin")
    )
    assert created.status_code == 422
    assert created.json()["error"]["details"] == {"value": ["个数目标应为非负整数。"]}
    assert not Target.objects.filter(region__code="500106", year=2023, metric="signed_projects").exists()
    body |= {"value": "60"}
    target = client.post(
        "/api/targets", json.dumps(body), content_type="application/json", headers=bearer("spb_admin")
    )
    patched = client.patch(
        f"/api/targets/{target.json()['id']}",
        json.dumps({"value": "2000000000"}),
        content_type="application/json",
        headers=bearer("spb_admin"),
    )
    assert patched.status_code == 422 and "个数目标不能超过10亿个" in patched.json()["error"]["message"]
    assert Target.objects.get(pk=target.json()["id"]).value == 60


def test_the_database_refuses_what_every_door_refuses():
    region = Region.objects.get(code="500107")
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(
            region=region,
            year=2023,
            metric="contract_investment",
            level=TargetLevel.DISTRICT,
            value=10**13 + 1,
        )
