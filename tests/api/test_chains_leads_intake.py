"""/api/chains, /api/leads, /api/documents and /api/facts: scoped reads, the lead workflow and fact review,
and refusals across districts (404 outside reach, 403 for a leader's write)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.accounts.world import marker
from tests.intake.factories import document_in
from zhaoshang.intake.models import FactStatus
from zhaoshang.leads.models import Lead, LeadStage

pytestmark = pytest.mark.django_db

A, B = "500106", "500107"


def post(client, url, headers, body):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


# --- chains -------------------------------------------------------------------------------------------


def test_chains_are_listed_with_their_segments(client, world, bearer):
    chains = client.get("/api/chains", headers=bearer("spb_leader")).json()
    nev = next(c for c in chains if c["key"] == "nev")
    assert nev["name"] and nev["segment_count"] > 0


def test_a_chain_map_has_coverage_gaps_and_weak_links_of_the_district(client, world, bearer):
    response = client.get("/api/chains/nev/map", {"region": A}, headers=bearer("spb_officer"))
    assert response.status_code == 200
    cmap = response.json()
    assert cmap["region"]["code"] == A and cmap["chain"]["key"] == "nev"
    leaves = [s for s in cmap["segments"] if not any(t["parent_id"] == s["id"] for t in cmap["segments"])]
    assert {g["id"] for g in cmap["gaps"]} == {s["id"] for s in leaves if not s["members"]}
    assert {w["id"] for w in cmap["weak"]} == {s["id"] for s in leaves if len(s["members"]) == 1}
    if leaves:
        covered = sum(1 for s in leaves if s["members"])
        assert cmap["coverage"] == pytest.approx(covered / len(leaves))
    firms = {f["id"] for f in cmap["firms"]}
    assert {f["id"] for f in cmap["leaders"]} <= firms
    assert firms == {m["enterprise"]["id"] for s in cmap["segments"] for m in s["members"]}


def test_a_chain_map_of_another_district_or_an_unknown_chain_is_404(client, world, bearer):
    other = client.get("/api/chains/nev/map", {"region": B}, headers=bearer("spb_officer"))
    assert other.status_code == 404 and other.json()["error"]["code"] == "not_found"
    assert (
        client.get("/api/chains/nosuch/map", {"region": A}, headers=bearer("spb_officer")).status_code == 404
    )
    assert client.get("/api/chains/nev/map", {"region": B}, headers=bearer("cq_city")).status_code == 200
    assert client.get("/api/chains/nev/map", headers=bearer("spb_officer")).status_code == 422


# --- leads --------------------------------------------------------------------------------------------


def test_leads_list_only_the_districts_and_filter_by_stage_and_overdue(client, world, bearer):
    page = client.get("/api/leads", {"limit": 200}, headers=bearer("spb_officer")).json()
    assert page["total"] > 0 and {lead["region"]["code"] for lead in page["items"]} == {A}
    assert marker(B) not in json.dumps(page, ensure_ascii=False)
    lead = world[A].lead
    lead.next_action_on = date(2020, 1, 1)
    lead.save()
    overdue = client.get(
        "/api/leads", {"overdue": "true", "limit": 200}, headers=bearer("spb_officer")
    ).json()
    assert lead.pk in {item["id"] for item in overdue["items"]}
    assert all(item["is_overdue"] for item in overdue["items"])
    converted = client.get(
        "/api/leads", {"stage": "converted", "limit": 200}, headers=bearer("spb_officer")
    ).json()
    assert all(item["stage"] == "converted" for item in converted["items"])
    assert lead.pk not in {item["id"] for item in converted["items"]}


def test_a_lead_of_another_district_is_404(client, world, bearer):
    own, other = world[A].lead, world[B].lead
    detail = client.get(f"/api/leads/{own.pk}", headers=bearer("spb_leader")).json()
    assert detail["enterprise"]["name"] == f"{marker(A)}企业" and detail["visits"] == []
    assert client.get(f"/api/leads/{other.pk}", headers=bearer("spb_officer")).status_code == 404
    assert client.get(f"/api/leads/{other.pk}", headers=bearer("cq_city")).status_code == 200


def test_a_lead_is_created_once_per_enterprise_and_district(client, world, bearer):
    body = {"enterprise_name": "新线索测试企业", "region": A, "source": "expo", "next_action": "电话"}
    created = post(client, "/api/leads", bearer("spb_officer"), body)
    assert created.status_code == 201
    lead = created.json()
    assert lead["stage"] == "new" and lead["owner"]["id"] == world[A].officer.pk
    again = post(client, "/api/leads", bearer("spb_admin"), body)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "duplicate_lead"
    assert again.json()["error"]["details"] == {"existing_id": lead["id"]}


def test_lead_creation_is_refused_to_leaders_and_outside_the_district(client, world, bearer):
    body = {"enterprise_name": "越界企业", "region": B}
    assert post(client, "/api/leads", bearer("spb_officer"), body).status_code == 403
    assert post(client, "/api/leads", bearer("spb_leader"), body | {"region": A}).status_code == 403
    assert post(client, "/api/leads", bearer("spb_officer"), body | {"region": "999999"}).status_code == 422
    assert (
        post(
            client, "/api/leads", bearer("spb_officer"), body | {"region": A, "stage": "converted"}
        ).status_code
        == 422
    )
    assert not Lead.objects.filter(enterprise__name="越界企业").exists()


def test_a_visit_moves_the_lead_forward_and_is_refused_across_districts(client, world, bearer):
    lead = world[A].lead
    body = {
        "kind": "visit",
        "visited_on": date.today().isoformat(),
        "summary": "上门拜访",
        "next_action": "报价",
    }
    response = post(client, f"/api/leads/{lead.pk}/visits", bearer("spb_officer"), body)
    assert response.status_code == 201
    detail = response.json()
    assert detail["stage"] == LeadStage.VISITED and detail["next_action"] == "报价"
    assert [v["summary"] for v in detail["visits"]] == ["上门拜访"]
    future = post(
        client, f"/api/leads/{lead.pk}/visits", bearer("spb_officer"), body | {"visited_on": "2999-01-01"}
    )
    assert future.status_code == 409 and future.json()["error"]["code"] == "lead_rule"
    assert post(client, f"/api/leads/{lead.pk}/visits", bearer("spb_leader"), body).status_code == 403
    other = world[B].lead
    assert post(client, f"/api/leads/{other.pk}/visits", bearer("spb_officer"), body).status_code == 404
    assert other.visits.count() == 0


def test_a_lead_converts_into_a_project_once(client, world, bearer):
    lead = world[A].lead
    assert (
        post(client, f"/api/leads/{lead.pk}/convert", bearer("spb_leader"), {"name": "x"}).status_code == 403
    )
    assert (
        post(
            client, f"/api/leads/{world[B].lead.pk}/convert", bearer("spb_officer"), {"name": "x"}
        ).status_code
        == 404
    )
    response = post(client, f"/api/leads/{lead.pk}/convert", bearer("spb_officer"), {"name": "线索转化项目"})
    assert response.status_code == 201
    project = response.json()
    assert (
        project["name"] == "线索转化项目"
        and project["stage"] == "negotiating"
        and project["region"]["code"] == A
    )
    lead.refresh_from_db()
    assert lead.stage == LeadStage.CONVERTED and lead.project_id == project["id"]
    again = post(client, f"/api/leads/{lead.pk}/convert", bearer("spb_officer"), {"name": "再次"})
    assert again.status_code == 409


# --- documents and facts ------------------------------------------------------------------------------


def test_documents_list_only_the_districts(client, world, bearer):
    own, other = document_in(world[A].region), document_in(world[B].region)
    page = client.get("/api/documents", {"limit": 200}, headers=bearer("spb_leader")).json()
    ids = {d["id"] for d in page["items"]}
    assert own.pk in ids and other.pk not in ids
    row = next(d for d in page["items"] if d["id"] == own.pk)
    assert (row["n_facts"], row["n_pending"], row["n_accepted"]) == (1, 1, 0)
    pending = client.get(
        "/api/documents", {"status": "accepted", "limit": 200}, headers=bearer("spb_leader")
    ).json()
    assert own.pk not in {d["id"] for d in pending["items"]}


def test_a_document_shows_its_facts_with_the_live_check_and_refuses_other_districts(client, world, bearer):
    own, other = document_in(world[A].region), document_in(world[B].region)
    detail = client.get(f"/api/documents/{own.pk}", headers=bearer("spb_officer")).json()
    assert detail["text"] == own.text and [f["key"] for f in detail["facts"]] == ["f1"]
    assert detail["facts"][0]["check"] is None  # only accepted facts are checked
    assert client.get(f"/api/documents/{other.pk}", headers=bearer("spb_officer")).status_code == 404
    fact = own.facts.get()
    accepted = post(client, f"/api/facts/{fact.pk}/review", bearer("spb_officer"), {"action": "accept"})
    assert accepted.status_code == 200
    assert accepted.json()["status"] == FactStatus.ACCEPTED and accepted.json()["check"]["verdict"] in {
        "consistent",
        "inconsistent",
        "not_comparable",
    }
    detail = client.get(f"/api/documents/{own.pk}", headers=bearer("spb_officer")).json()
    assert detail["facts"][0]["check"] is not None and sum(detail["summary"].values()) == 1


def test_fact_review_is_refused_to_leaders_and_across_districts(client, world, bearer):
    own, other = document_in(world[A].region).facts.get(), document_in(world[B].region).facts.get()
    assert (
        post(client, f"/api/facts/{own.pk}/review", bearer("spb_leader"), {"action": "reject"}).status_code
        == 403
    )
    assert (
        post(client, f"/api/facts/{other.pk}/review", bearer("spb_admin"), {"action": "reject"}).status_code
        == 404
    )
    assert (
        post(client, f"/api/facts/{own.pk}/review", bearer("spb_admin"), {"action": "maybe"}).status_code
        == 422
    )
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == other.status == FactStatus.PENDING
    rejected = post(client, f"/api/facts/{own.pk}/review", bearer("spb_admin"), {"action": "reject"})
    assert rejected.status_code == 200 and rejected.json()["status"] == FactStatus.REJECTED
