"""The lead CRM: no duplicate leads, visits move a lead on, conversion creates a linked ledger project."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from zhaoshang.enterprises.models import Enterprise
from zhaoshang.leads.models import Lead, LeadStage
from zhaoshang.leads.services import (
    DuplicateLead,
    LeadError,
    convert_to_project,
    create_lead,
    funnel,
    log_visit,
)
from zhaoshang.projects.models import Stage
from zhaoshang.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(admin_user):
    firm = Enterprise.objects.create(name="测试软件有限公司（模拟）")
    return create_lead(enterprise=firm, region=Region.objects.get(code="500106"), user=admin_user)


def test_a_second_lead_for_the_same_enterprise_is_refused_with_the_existing_one(lead):
    with pytest.raises(DuplicateLead) as exc:
        create_lead(enterprise=lead.enterprise, region=lead.region)
    assert exc.value.existing == lead and "已有线索" in str(exc.value)


def test_the_same_enterprise_may_be_courted_by_another_district(lead):
    other = create_lead(enterprise=lead.enterprise, region=Region.objects.get(code="500107"))
    assert other.pk != lead.pk


def test_a_visit_moves_the_lead_forward_but_never_back(lead):
    log_visit(lead=lead, kind="visit", visited_on=date(2022, 7, 1), summary="上门拜访")
    assert lead.stage == LeadStage.VISITED
    log_visit(
        lead=lead,
        kind="call",
        visited_on=date(2022, 7, 2),
        summary="电话跟进",
        next_action="发送资料",
        next_action_on=date(2022, 7, 9),
    )
    lead.refresh_from_db()
    assert lead.stage == LeadStage.VISITED and lead.next_action == "发送资料"
    assert lead.visits.count() == 2


def test_an_overdue_follow_up_is_listed(lead):
    lead.next_action_on = date.today() - timedelta(days=1)
    lead.save()
    assert lead in Lead.objects.overdue() and lead.is_overdue


def test_conversion_creates_a_linked_project_and_closes_the_lead(lead, admin_user):
    project = convert_to_project(lead=lead, name="测试转化项目", user=admin_user)
    lead.refresh_from_db()
    assert lead.stage == LeadStage.CONVERTED and lead.project == project
    assert project.stage == Stage.NEGOTIATING and list(project.investors.all()) == [lead.enterprise]
    assert project.lead == lead
    with pytest.raises(LeadError):
        convert_to_project(lead=lead, name="再次转化")
    with pytest.raises(LeadError):
        log_visit(lead=lead, kind="call", visited_on=date(2022, 7, 2), summary="x")


def test_the_funnel_counts_every_lead_at_each_stage_it_passed(lead):
    convert_to_project(lead=lead, name="转化")
    reached = dict(funnel(Lead.objects.filter(pk=lead.pk)))
    assert reached == {"新线索": 1, "已接触": 1, "已拜访": 1, "洽谈中": 1, "已转化": 1}


def test_the_pages_list_board_create_visit_and_convert(admin_client):
    assert "招商线索" in admin_client.get(reverse("leads:list")).content.decode()
    assert "看板" in admin_client.get(reverse("leads:list"), {"view": "board"}).content.decode()
    data = {
        "enterprise_name": "页面测试科技有限公司（模拟）",
        "region": Region.objects.get(code="500106").pk,
        "source": "expo",
        "stage": "new",
    }
    response = admin_client.post(reverse("leads:create"), data)
    lead = Lead.objects.get(enterprise__name="页面测试科技有限公司（模拟）")
    assert response["Location"] == lead.get_absolute_url()
    duplicate = admin_client.post(reverse("leads:create"), data).content.decode()
    assert "已有线索" in duplicate and lead.get_absolute_url() in duplicate
    admin_client.post(
        reverse("leads:visit", args=[lead.pk]),
        {"kind": "visit", "visited_on": "2022-07-01", "summary": "拜访企业总部"},
    )
    response = admin_client.post(reverse("leads:convert", args=[lead.pk]), {"name": "页面转化项目"})
    lead.refresh_from_db()
    assert lead.project is not None and response["Location"] == lead.project.get_absolute_url()


def test_a_visit_without_a_summary_is_refused_in_chinese(admin_client, lead):
    response = admin_client.post(
        reverse("leads:visit", args=[lead.pk]), {"kind": "visit", "visited_on": "2022-07-01"}, follow=True
    )
    assert "纪要" in response.content.decode() and lead.visits.count() == 0


def test_the_demo_has_leads_for_the_gaps_with_one_overdue():
    assert Lead.objects.filter(region__code="500106", segment__name="车载操作系统").exists()
    assert Lead.objects.overdue().filter(region__code="500106").exists()
