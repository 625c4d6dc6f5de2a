"""Deleting to the recycle bin and restoring from it, through the pages: who may, what it leaves behind
(a reason, a history record, an amendment for a reported period), and what disappears meanwhile."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.accounts.world import A, B, World, build_world, marker
from zhaoshang.chains.models import ChainMember, Segment
from zhaoshang.leads.models import Lead
from zhaoshang.lib.periods import parse_period
from zhaoshang.projects.models import Project
from zhaoshang.regions.models import Region
from zhaoshang.targets.models import Amendment, Target
from zhaoshang.targets.reporting import report_period

pytestmark = pytest.mark.django_db

REASON = "重复录入，以另一条为准"


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def as_user(client, world):
    def login(username: str):
        client.force_login(world.users[username])
        return client

    return login


def delete(client, url: str, **data):
    return client.post(url, {"reason": REASON, **data})


def restore(client, kind: str, pk: int, **data):
    return client.post(reverse("trash:restore", args=[kind, pk]), data)


def ledger_total(client) -> tuple[int, str]:
    html = client.get(reverse("projects:list"), {"region": A, "period": "2022H1"}).content.decode()
    count = re.search(r'data-testid="total-count">(\d+)<', html).group(1)
    amount = re.search(r'data-testid="total-amount">([\d,.]+)<', html).group(1)
    return int(count), amount


def test_a_deleted_project_leaves_list_detail_and_api_and_waits_in_the_recycle_bin(as_user, world):
    client, project = as_user("spb_admin"), world[A].project
    response = delete(client, reverse("projects:delete", args=[project.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("projects:list")
    assert "可在回收站恢复" in client.get(response["Location"]).content.decode()  # the message, shown once
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 404
    assert project.name not in client.get(reverse("projects:list"), {"region": A}).content.decode()
    assert client.get(f"/api/projects/{project.pk}").status_code == 404
    trash = client.get(reverse("trash:index")).content.decode()
    assert project.name in trash and REASON in trash and str(world.users["spb_admin"]) in trash
    record = project.history.latest("history_date")
    assert (
        record.history_change_reason == f"删除：{REASON}" and record.history_user == world.users["spb_admin"]
    )
    assert record.deletion_reason == REASON and record.deleted_at is not None


def test_a_lead_converted_into_a_deleted_project_says_so_instead_of_linking_to_a_404(as_user, world):
    client, project = as_user("spb_admin"), world[A].project
    lead = Lead.objects.filter(region__code=A).first()
    Lead.objects.filter(pk=lead.pk).update(stage="converted", project=project)
    delete(client, reverse("projects:delete", args=[project.pk]))
    html = client.get(reverse("leads:detail", args=[lead.pk])).content.decode()
    assert "已删除（见回收站）" in html and project.get_absolute_url() not in html


def test_restoring_brings_the_project_back_and_the_history_says_so(as_user, world):
    client, project = as_user("spb_admin"), world[A].project
    delete(client, reverse("projects:delete", args=[project.pk]))
    response = restore(client, "project", project.pk)
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert client.get(project.get_absolute_url()).status_code == 200
    assert project.name not in client.get(reverse("trash:index")).content.decode()
    record = project.history.latest("history_date")
    assert record.history_change_reason == "从回收站恢复" and record.history_user == world.users["spb_admin"]
    assert record.deleted_at is None and record.deletion_reason == ""


def test_a_deletion_needs_a_reason(as_user, world):
    client, project = as_user("spb_admin"), world[A].project
    response = client.post(reverse("projects:delete", args=[project.pk]), {"reason": "  "})
    assert response.status_code == 200 and "删除理由" in response.content.decode()
    assert Project.objects.filter(pk=project.pk).exists()


def test_deleting_a_signed_project_lowers_the_ledger_total_and_restoring_brings_it_back(as_user):
    client = as_user("spb_admin")

    def exact_total() -> int:
        return client.get("/api/projects", {"region": A, "period": "2022H1"}).json()[
            "contract_investment_total"
        ]

    before, total = ledger_total(client), exact_total()
    assert before == (50, "320.50")
    listed = client.get("/api/projects", {"region": A, "period": "2022H1", "limit": 1}).json()["items"][0]
    delete(client, reverse("projects:delete", args=[listed["id"]]))
    assert ledger_total(client)[0] == 49 and exact_total() == total - listed["contract_investment"]
    assert client.get("/api/metrics", {"region": A, "period": "2022H1"}).json()["signed_projects"] == 49
    restore(client, "project", listed["id"])
    assert ledger_total(client) == before and exact_total() == total
    assert client.get("/api/metrics", {"region": A, "period": "2022H1"}).json()["signed_projects"] == 50


@pytest.mark.parametrize("username", ["spb_officer", "spb_leader"])
def test_officers_and_leaders_may_neither_delete_nor_restore(as_user, world, username):
    client, project = as_user(username), world[A].project  # the officer owns it, and still may not
    assert client.get(reverse("projects:delete", args=[project.pk])).status_code == 403
    assert delete(client, reverse("projects:delete", args=[project.pk])).status_code == 403
    assert delete(client, reverse("leads:delete", args=[world[A].lead.pk])).status_code == 403
    assert 'data-testid="delete"' not in client.get(project.get_absolute_url()).content.decode()
    project.soft_delete(world[A].admin, REASON)
    assert restore(client, "project", project.pk).status_code == 403
    assert "恢复</button>" not in client.get(reverse("trash:index")).content.decode()
    assert Project.all_objects.get(pk=project.pk).is_deleted


def test_another_districts_records_are_not_found_to_delete_restore_or_list(as_user, world):
    client = as_user("spb_admin")
    theirs = world[B].project
    assert delete(client, reverse("projects:delete", args=[theirs.pk])).status_code == 404
    assert delete(client, reverse("targets:delete", args=[world[B].target.pk])).status_code == 404
    theirs.soft_delete(world[B].admin, f"{marker(B)}理由")
    assert restore(client, "project", theirs.pk).status_code == 404
    assert marker(B) not in client.get(reverse("trash:index")).content.decode()
    assert Project.all_objects.get(pk=theirs.pk).is_deleted


def test_a_city_admin_deletes_within_the_city(as_user, world):
    client = as_user("cq_city")
    assert delete(client, reverse("projects:delete", args=[world[B].project.pk])).status_code == 302
    assert not Project.objects.filter(pk=world[B].project.pk).exists()


@pytest.fixture
def h1_report(admin_user):
    return report_period(region=Region.objects.get(code=A), period=parse_period("2022H1"), user=admin_user)


def test_deleting_a_project_of_a_reported_period_asks_for_a_correction_reason(as_user, h1_report):
    client = as_user("spb_admin")
    project = Project.objects.filter(region__code=A, signed_on__range=("2022-01-01", "2022-06-30")).first()
    url = reverse("projects:delete", args=[project.pk])
    assert "2022H1" in client.get(url).content.decode()  # the confirm form says which report it changes
    response = delete(client, url)
    assert response.status_code == 200 and "请填写更正理由" in response.content.decode()
    assert Project.objects.filter(pk=project.pk).exists() and not Amendment.objects.exists()
    response = delete(client, url, amendment_reason="核实为重复项目，更正上半年数字")
    assert response.status_code == 302 and not Project.objects.filter(pk=project.pk).exists()
    amendment = Amendment.objects.get(report=h1_report)
    assert amendment.reason == "核实为重复项目，更正上半年数字" and amendment.project_id == project.pk
    assert "deleted_at" in amendment.changes and amendment.user.username == "spb_admin"


def test_restoring_into_a_reported_period_also_needs_a_correction_reason(as_user, h1_report):
    client = as_user("spb_admin")
    project = Project.objects.filter(region__code=A, signed_on__range=("2022-01-01", "2022-06-30")).first()
    delete(client, reverse("projects:delete", args=[project.pk]), amendment_reason="先删除")
    response = restore(client, "project", project.pk)
    assert response.status_code == 200 and "请填写更正理由" in response.content.decode()
    assert Project.all_objects.get(pk=project.pk).is_deleted
    response = restore(client, "project", project.pk, amendment_reason="误删，恢复")
    assert response.status_code == 302 and Project.objects.filter(pk=project.pk).exists()
    assert Amendment.objects.filter(report=h1_report, reason="误删，恢复").exists()


def test_a_lead_whose_enterprise_has_a_new_lead_cannot_be_restored_and_the_user_is_told_why(as_user, world):
    client, lead = as_user("spb_admin"), world[A].lead
    assert delete(client, reverse("leads:delete", args=[lead.pk])).status_code == 302
    assert client.get(lead.get_absolute_url()).status_code == 404
    Lead.objects.create(enterprise=lead.enterprise, region=lead.region)  # the key is free again: taken
    response = restore(client, "lead", lead.pk)
    assert response.status_code == 302 and response["Location"] == reverse("trash:index")
    page = client.get(response["Location"]).content.decode()
    assert "无法恢复：该企业在本区县已有线索。" in page
    assert Lead.all_objects.get(pk=lead.pk).is_deleted


def test_a_chain_member_is_deleted_from_the_chain_map_and_restored(as_user, world):
    client = as_user("spb_admin")
    segment = Segment.objects.filter(chain__key="nev").order_by("pk").first()
    member = ChainMember.objects.create(
        segment=segment, enterprise=world[A].enterprise, region=world[A].region
    )
    chain_map = reverse("chains:map", args=["nev"])
    page = client.get(chain_map, {"region": A}).content.decode()
    assert reverse("chains:member_delete", args=[member.pk]) in page
    response = delete(client, reverse("chains:member_delete", args=[member.pk]))
    assert response["Location"] == f"{chain_map}?region={A}"
    client.get(response["Location"])  # shows (and so consumes) the message naming the member
    assert world[A].enterprise.name not in client.get(chain_map, {"region": A}).content.decode()
    ChainMember.objects.create(segment=segment, enterprise=world[A].enterprise, region=world[A].region)
    restore(client, "member", member.pk)
    assert "无法恢复：该企业已是此环节的成员。" in client.get(reverse("trash:index")).content.decode()
    ChainMember.objects.filter(deleted_at__isnull=True, enterprise=world[A].enterprise).delete()
    assert restore(client, "member", member.pk).status_code == 302
    assert world[A].enterprise.name in client.get(chain_map, {"region": A}).content.decode()


def test_a_target_is_deleted_from_the_target_list_and_restored(as_user, world):
    client, target = as_user("spb_admin"), world[A].target
    assert reverse("targets:delete", args=[target.pk]) in client.get(reverse("targets:list")).content.decode()
    delete(client, reverse("targets:delete", args=[target.pk]))
    assert not Target.objects.filter(pk=target.pk).exists()
    assert "开工项目" in client.get(reverse("trash:index"), {"kind": "target"}).content.decode()
    restore(client, "target", target.pk)
    assert Target.objects.filter(pk=target.pk).exists()


def test_a_district_admin_may_not_delete_the_citys_municipal_target(as_user, world):
    target = Target.objects.create(
        region=world[A].region, year=2031, metric="signed_projects", level="municipal", value=10
    )
    assert delete(as_user("spb_admin"), reverse("targets:delete", args=[target.pk])).status_code == 403
