"""A target's scope (口径) names something the registry can narrow by, at every door (issue 14 defect 19):
the form, the Excel import and the API refuse arbitrary text and ids that do not exist."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.targets.test_views import sheet
from zhaoshang.accounts.tokens import issue_token
from zhaoshang.chains.models import Segment
from zhaoshang.regions.models import Region
from zhaoshang.targets.models import Target

pytestmark = pytest.mark.django_db

BAD = ["随便写的口径", "key:extra", "direction:99999999", "segment:abc", "chain:nope", "park:"]


def _form(scope: str) -> dict:
    return {
        "region": Region.objects.get(code="500107").pk,
        "year": 2031,
        "metric": "contract_investment",
        "scope": scope,
        "level": "district",
        "value": "300亿",
    }


@pytest.mark.parametrize("scope", BAD)
def test_the_form_refuses_a_scope_that_names_nothing(admin_client, scope):
    response = admin_client.post(reverse("targets:create"), _form(scope))
    assert response.status_code == 200 and "无法识别的口径" in response.content.decode()
    assert not Target.objects.filter(year=2031).exists()


def test_the_form_keeps_a_scope_that_exists(admin_client):
    segment = Segment.objects.first()
    for scope in ("", "key", "manufacturing", f"segment:{segment.pk}", f"chain:{segment.chain.key}"):
        Target.objects.filter(year=2031).delete()
        assert admin_client.post(reverse("targets:create"), _form(scope)).status_code == 302, scope
        assert Target.objects.get(year=2031).scope == scope


def test_the_import_refuses_a_scope_that_names_nothing(admin_client):
    rows = [["九龙坡区", 2031, "合同投资额", "随便写的口径", "市级任务", "400亿"]]
    html = admin_client.post(reverse("targets:import"), {"file": sheet(rows), "dry_run": ""}).content.decode()
    assert "导入未执行" in html and "无法识别的口径" in html
    assert not Target.objects.filter(year=2031).exists()


@pytest.mark.parametrize("scope", ["direction:99999999", "chain:nope", "key:extra"])
def test_the_api_refuses_a_scope_that_names_nothing(client, admin_user, scope):
    _token, secret = issue_token(user=admin_user, name="scope-test")
    body = {"region": "500107", "year": 2031, "metric": "contract_investment", "level": "district"}
    response = client.post(
        "/api/targets",
        json.dumps(body | {"scope": scope, "value": "1"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 422 and "无法识别的口径" in response.json()["error"]["message"]
    assert not Target.objects.filter(year=2031).exists()
