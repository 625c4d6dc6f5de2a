"""One rule for who may work on a lead (permissions.can_edit_lead), the same on every door: the page, the
API and the Excel import. An officer works on the leads they own; a district administrator on any lead of
the district; a leader on none."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.accounts.world import A, build_world
from tests.records.imports_support import workbook
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.leads.models import Lead
from zhaoshang.records.imports import importer_for, run_import

pytestmark = pytest.mark.django_db

VISIT = {
    "kind": "visit",
    "visited_on": date.today().isoformat(),
    "summary": "上门拜访",
    "next_action": "报价",
}
LEAD_HEADERS = ["区县", "企业", "统一社会信用代码", "来源", "阶段", "下一步日期"]


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def colleague_lead(world) -> Lead:
    enterprise = Enterprise.objects.create(name="同事线索企业有限公司", region=world[A].region)
    return Lead.objects.create(enterprise=enterprise, region=world[A].region, owner=world[A].admin)


def test_on_the_page_an_officer_edits_their_own_lead_not_a_colleagues(client, world, colleague_lead):
    client.force_login(world[A].officer)
    assert client.get(reverse("leads:edit", args=[world[A].lead.pk])).status_code == 200
    assert client.get(reverse("leads:edit", args=[colleague_lead.pk])).status_code == 403
    assert client.post(reverse("leads:visit", args=[colleague_lead.pk]), VISIT).status_code == 403
    assert colleague_lead.visits.count() == 0


def test_on_the_page_a_district_admin_edits_any_lead_of_the_district(client, world, colleague_lead):
    client.force_login(world[A].admin)
    assert client.get(reverse("leads:edit", args=[world[A].lead.pk])).status_code == 200
    assert client.get(reverse("leads:edit", args=[colleague_lead.pk])).status_code == 200


def test_through_the_api_an_officer_logs_visits_on_their_own_lead_only(client, world, colleague_lead):
    headers = {"Authorization": f"Bearer {world.secrets['spb_officer']}"}
    refused = client.post(
        f"/api/leads/{colleague_lead.pk}/visits", VISIT, content_type="application/json", headers=headers
    )
    assert refused.status_code == 403 and colleague_lead.visits.count() == 0
    own = client.post(
        f"/api/leads/{world[A].lead.pk}/visits", VISIT, content_type="application/json", headers=headers
    )
    assert own.status_code == 201


def test_the_import_refuses_an_officer_changing_a_colleagues_lead(world, colleague_lead):
    rows = [[A, colleague_lead.enterprise.name, "", "展会活动", "已接触", "2022-09-01"]]
    report = run_import(
        importer_for("leads", user=world[A].officer), workbook(LEAD_HEADERS, rows), dry_run=False
    )
    assert "无权修改此线索" in report.errors[0].why
    colleague_lead.refresh_from_db()
    assert colleague_lead.stage != "contacted"
    report = run_import(
        importer_for("leads", user=world[A].admin), workbook(LEAD_HEADERS, rows), dry_run=False
    )
    assert not report.errors and report.changed == 1
