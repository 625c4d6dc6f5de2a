"""Reviewing facts in the browser's forms: who and when, corrections, accept-all, and one-click
conversions into a lead or a draft ledger entry."""

from __future__ import annotations

import pytest

from tests.intake.factories import document_in
from zhaoshang.intake.models import Document, Fact, FactEvent, FactStatus
from zhaoshang.leads.models import Lead, LeadSource
from zhaoshang.projects.models import Project, Stage
from zhaoshang.regions.models import Region

pytestmark = pytest.mark.django_db


def _post(client, document, action: str, fact: Fact, **data):
    return client.post(f"/intake/{document.pk}/review/", {"fact": fact.pk, "action": action, **data})


def test_accepting_and_rejecting_records_who_and_when(admin_client, admin_user, seed_document):
    fact = seed_document.facts.get(text="50个")
    assert _post(admin_client, seed_document, "accept", fact).status_code == 302
    fact.refresh_from_db()
    assert (fact.status, fact.reviewed_by) == (FactStatus.ACCEPTED, admin_user) and fact.reviewed_at
    _post(admin_client, seed_document, "reject", fact)
    fact.refresh_from_db()
    assert fact.status == FactStatus.REJECTED
    events = list(FactEvent.objects.filter(fact=fact).values_list("action", "from_status", "to_status"))
    assert events == [("accept", "pending", "accepted"), ("reject", "accepted", "rejected")]


def test_a_correction_is_read_with_the_amounts_module_and_recorded(admin_client, seed_document):
    fact = seed_document.facts.get(text="122亿元")
    _post(
        admin_client, seed_document, "correct", fact, phrase="约125亿元", region="沙坪坝区", period="2022H1"
    )
    fact.refresh_from_db()
    assert (fact.text, fact.value, fact.qualifier, fact.unit_text) == (
        "约125亿元",
        12_500_000_000,
        "约",
        "亿元",
    )
    assert fact.original_text == "122亿元" and fact.status == FactStatus.ACCEPTED
    event = FactEvent.objects.get(fact=fact)
    assert (event.action, event.before, event.after) == (
        "correct",
        "122亿元 · 500106 · 2022H1",
        "约125亿元 · 500106 · 2022H1",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"phrase": "很多钱"}, "无法识别"),
        ({"period": "上古"}, "无法识别的期间"),
        ({"region": "火星"}, "找不到区划"),
        ({}, "请至少填写一项"),
    ],
)
def test_an_unreadable_correction_changes_nothing(admin_client, seed_document, data, message):
    fact = seed_document.facts.get(text="122亿元")
    response = _post(admin_client, seed_document, "correct", fact, **data)
    assert message in " ".join(str(m) for m in response.wsgi_request._messages)
    fact.refresh_from_db()
    assert (fact.text, fact.status) == ("122亿元", FactStatus.PENDING)
    assert not FactEvent.objects.filter(fact=fact).exists()


def test_accept_all_accepts_the_pending_and_leaves_the_rejected(admin_client, seed_document):
    rejected = seed_document.facts.get(text="12家")
    _post(admin_client, seed_document, "reject", rejected)
    admin_client.post(f"/intake/{seed_document.pk}/accept-all/")
    statuses = dict(seed_document.facts.values_list("text", "status"))
    assert statuses.pop("12家") == FactStatus.REJECTED
    assert set(statuses.values()) == {FactStatus.ACCEPTED}


def test_a_leader_reads_but_does_not_review(client, django_user_model, seed_document):
    client.force_login(django_user_model.objects.get(username="spb_leader"))
    assert client.get(seed_document.get_absolute_url()).status_code == 200
    assert client.post(f"/intake/{seed_document.pk}/accept-all/").status_code == 403
    assert not seed_document.facts.filter(status=FactStatus.ACCEPTED).exists()


def test_a_document_of_another_district_is_out_of_reach(client, django_user_model):
    other = document_in(Region.objects.get(code="500107"))
    client.force_login(django_user_model.objects.get(username="spb_admin"))
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.post(f"/intake/{other.pk}/accept-all/").status_code == 404
    assert other.title not in client.get("/intake/").content.decode()


def test_an_enterprise_the_document_names_becomes_a_lead_in_one_click(admin_client, seed_document):
    response = admin_client.post(f"/intake/{seed_document.pk}/lead/", {"name": "华为技术有限公司"})
    assert response.status_code == 302
    lead = Lead.objects.get(enterprise__name="华为技术有限公司", region__code="500106")
    assert lead.source == LeadSource.PRESS and seed_document.get_absolute_url() in lead.notes
    again = admin_client.post(f"/intake/{seed_document.pk}/lead/", {"name": "华为技术有限公司"}, follow=True)
    assert "已有线索" in again.content.decode()
    assert Lead.objects.filter(enterprise__name="华为技术有限公司", region__code="500106").count() == 1


def test_a_name_the_document_does_not_hold_is_refused(admin_client, seed_document):
    admin_client.post(f"/intake/{seed_document.pk}/lead/", {"name": "不存在的公司"})
    assert not Lead.objects.filter(enterprise__name="不存在的公司").exists()


def test_an_accepted_investment_about_a_new_enterprise_becomes_a_draft_ledger_entry(admin_client):
    text = "2022年7月，沙坪坝区与重庆星河动力科技有限公司签约，该项目合同投资额15亿元，主要建设电驱动系统生产线。"
    admin_client.post("/intake/new/", {"mode": "paste", "text": text, "published_on": "2022-07-20"})
    document = Document.objects.get(text__contains="星河动力")
    fact = document.facts.get(type="investment_amount")
    name = "重庆星河动力科技有限公司"
    assert name in [e["name"] for e in document.entities["enterprises"]]
    pending = admin_client.post(f"/intake/{document.pk}/draft/", {"fact": fact.pk, "name": name})
    assert pending.status_code == 302 and not Project.objects.filter(investors__name=name).exists()
    _post(admin_client, document, "accept", fact)
    response = admin_client.post(f"/intake/{document.pk}/draft/", {"fact": fact.pk, "name": name})
    project = Project.objects.get(investors__name=name)
    assert response.url == project.get_absolute_url()
    assert (project.stage, project.contract_investment, project.region.code) == (
        Stage.LEAD,
        1_500_000_000,
        "500106",
    )
    assert project.events.count() == 1


@pytest.mark.parametrize("path", ["review", "draft"])
@pytest.mark.parametrize("fact", ["abc", "", "99999999999999999999", "-1"])
def test_a_fact_that_is_not_an_id_is_a_4xx_not_a_500(admin_client, seed_document, path, fact):
    """Issue 14, defect 14: `fact=abc` on review/draft was a 500 (a ValueError from the id lookup)."""
    response = admin_client.post(
        f"/intake/{seed_document.pk}/{path}/", {"fact": fact, "action": "accept", "name": "某某有限公司"}
    )
    assert 400 <= response.status_code < 500
    assert seed_document.facts.filter(status=FactStatus.ACCEPTED).count() == 0
