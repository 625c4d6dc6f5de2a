"""A city's report (报送) locks its districts' projects too (issue 14, defect 7): 重庆市 2022H1 reported,
a 渝中区 project signed 2022-06-03 changes only as an amendment, through the API and through the web form."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse

from tests.accounts.world import World, build_world
from zhaoshang.lib.periods import parse_period
from zhaoshang.projects.models import Project
from zhaoshang.regions.models import Region
from zhaoshang.targets.models import Amendment
from zhaoshang.targets.reporting import report_period

pytestmark = pytest.mark.django_db
YUZHONG = "500103"
HUNDRED_BILLION = 100_000_000_000  # 1000亿元


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def city_report(admin_user):
    return report_period(
        region=Region.objects.get(code="500000"), period=parse_period("2022H1"), user=admin_user
    )


@pytest.fixture
def project() -> Project:
    found = Project.objects.filter(region__code=YUZHONG, signed_on=date(2022, 6, 3)).first()
    assert found is not None, "the demo holds a 渝中区 project signed 2022-06-03"
    return found


def patch(client, token, project, body):
    response = client.patch(
        f"/api/projects/{project.pk}",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    return response.status_code, response.json()


def test_a_patch_without_a_reason_is_refused_and_with_one_recorded_as_an_amendment(
    client, world, city_report, project
):
    token, amount = world.secrets["cq_city"], project.contract_investment + HUNDRED_BILLION
    status, body = patch(client, token, project, {"contract_investment": amount})
    assert status == 409 and body["error"]["code"] == "period_locked"
    assert body["error"]["details"]["periods"] == [{"region": "500000", "period": "2022H1"}]
    assert "重庆市2022H1" in body["error"]["message"]
    assert Project.objects.get(pk=project.pk).contract_investment == project.contract_investment
    assert not Amendment.objects.exists()

    status, body = patch(
        client, token, project, {"contract_investment": amount, "amendment_reason": "补充协议追加投资"}
    )
    assert status == 200 and body["contract_investment"] == amount
    amendment = Amendment.objects.get(report=city_report)
    assert amendment.project_id == project.pk and amendment.reason == "补充协议追加投资"
    assert amendment.changes["contract_investment"] == [str(project.contract_investment), str(amount)]
    assert amendment.user.username == "cq_city"


def test_the_web_form_asks_for_a_reason_and_records_the_amendment(admin_client, city_report, project):
    url = reverse("projects:edit", args=[project.pk])
    form = admin_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data |= {
        "contract_investment": f"{project.contract_investment + HUNDRED_BILLION}元",
        "version": project.version,
        "investor_names": "、".join(e.name for e in project.investors.all()),
        "segments": [s.pk for s in project.segments.all()],
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "请填写更正理由" in response.content.decode()
    assert "重庆市2022H1" in response.content.decode()
    assert Project.objects.get(pk=project.pk).contract_investment == project.contract_investment
    data["amendment_reason"] = "核实后更正金额"
    assert admin_client.post(url, data).status_code == 302
    assert (
        Project.objects.get(pk=project.pk).contract_investment
        == project.contract_investment + HUNDRED_BILLION
    )
    assert Amendment.objects.filter(report=city_report, project=project, reason="核实后更正金额").exists()


def test_a_report_of_another_city_does_not_lock_chongqing(client, world, project, admin_user):
    report_period(region=Region.objects.get(code="510100"), period=parse_period("2022H1"), user=admin_user)
    status, _body = patch(client, world.secrets["cq_city"], project, {"contract_investment": 1})
    assert status == 200 and not Amendment.objects.exists()
