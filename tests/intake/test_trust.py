"""Attacks on intake through its real doors (issue 14: defects 1, 3, 8, 9, 19): a document or a fact must
not become a way into another district's data, and no correction may store what the database cannot hold.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from tests.accounts.world import World, build_world
from zhaoshang.intake.models import Document, Fact, FactStatus
from zhaoshang.leads.models import Lead
from zhaoshang.projects.models import Project

pytestmark = pytest.mark.django_db

A, B = "500106", "500107"  # 沙坪坝区 (the attacker's), 九龙坡区
JIANGBEI = "500105"
# Names no region: the document belongs to whoever brings it in.
NO_REGION = "星海电子科技有限公司签约投资智能终端项目，总投资9亿元。该项目将于年内开工建设。"


@pytest.fixture
def world(db) -> World:
    return build_world()


def bearer(world: World, username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.secrets[username]}"}


def patch(client, world, username: str, fact: Fact, body: dict):
    return client.generic(
        "PATCH",
        f"/api/facts/{fact.pk}",
        json.dumps(body),
        content_type="application/json",
        headers=bearer(world, username),
    )


def take_in(client, world, username: str) -> Document:
    response = client.post(
        "/api/documents",
        json.dumps({"text": NO_REGION}),
        content_type="application/json",
        headers=bearer(world, username),
    )
    assert response.status_code == 201, response.content.decode()
    return Document.objects.get(pk=response.json()["id"])


@pytest.fixture
def national(client, world) -> Document:
    """A text naming no region, taken in by 沙坪坝区's officer through the API (it is read as 沙坪坝区's)."""
    return take_in(client, world, "spb_officer")


@pytest.fixture
def city_national(client, world) -> Document:
    """The same text taken in by a city administrator: no district is read from it."""
    document = take_in(client, world, "cq_city")
    assert document.region is None
    return document


def amount_fact(document: Document) -> Fact:
    return document.facts.get(type="investment_amount")


# --- 1: writing into another district through intake ----------------------------------------------------


def test_an_officer_cannot_move_a_fact_into_another_district(client, world, national):
    fact = amount_fact(national)
    response = patch(client, world, "spb_officer", fact, {"region": JIANGBEI})
    assert response.status_code == 403, response.content.decode()
    assert "不在您的管辖范围内" in response.json()["error"]["message"]
    fact.refresh_from_db()
    assert fact.region_code == A and fact.status == FactStatus.PENDING


def test_the_review_page_refuses_a_region_outside_reach_too(client, world, national):
    fact = amount_fact(national)
    client.force_login(world.users["spb_officer"])
    page = client.post(
        f"/intake/{national.pk}/review/",
        {"fact": fact.pk, "action": "correct", "region": JIANGBEI},
        follow=True,
    ).content.decode()
    assert "不在您的管辖范围内" in page
    fact.refresh_from_db()
    assert fact.region_code == A


def test_a_draft_project_is_never_created_in_a_district_out_of_reach(client, world, national):
    # The region may also come from the text itself or an earlier correction by someone else.
    fact = amount_fact(national)
    Fact.objects.filter(pk=fact.pk).update(
        region_code=JIANGBEI, region_name="江北区", status=FactStatus.ACCEPTED
    )
    client.force_login(world.users["spb_officer"])
    page = client.post(
        f"/intake/{national.pk}/draft/", {"fact": fact.pk, "name": "星海电子科技有限公司"}, follow=True
    ).content.decode()
    assert "不在您的管辖范围内" in page
    assert not Project.objects.filter(region__code=JIANGBEI, name__startswith="星海电子").exists()


def test_a_draft_project_in_the_officers_own_district_is_still_made(client, world, national):
    fact = amount_fact(national)
    assert patch(client, world, "spb_officer", fact, {"region": A}).status_code == 200
    client.force_login(world.users["spb_officer"])
    response = client.post(f"/intake/{national.pk}/draft/", {"fact": fact.pk, "name": "星海电子科技有限公司"})
    project = Project.objects.get(name__startswith="星海电子")
    assert response.status_code == 302 and project.region.code == A
    assert project.contract_investment == 900_000_000


def test_a_draft_project_applies_the_ledger_amount_limit(client, world, national):
    fact = amount_fact(national)
    assert patch(client, world, "spb_officer", fact, {"region": A, "text": "900万亿元"}).status_code == 200
    Fact.objects.filter(pk=fact.pk).update(value=Decimal(10**16))  # 1亿亿元, what an old row may hold
    client.force_login(world.users["spb_officer"])
    page = client.post(
        f"/intake/{national.pk}/draft/", {"fact": fact.pk, "name": "星海电子科技有限公司"}, follow=True
    ).content.decode()
    assert "超出台账可记录的范围" in page
    assert not Project.objects.filter(name__startswith="星海电子").exists()


def test_a_lead_from_a_document_goes_to_the_district_it_belongs_to(client, world, national):
    client.force_login(world.users["spb_officer"])
    client.post(f"/intake/{national.pk}/lead/", {"name": "星海电子科技有限公司"})
    lead = Lead.objects.get(enterprise__name="星海电子科技有限公司")
    assert lead.region.code == A


# --- 8: documents without a region belong to the uploader's district ------------------------------------


def test_a_document_without_a_region_is_invisible_to_other_districts(client, world, national):
    for username in ("jlp_officer", "jlp_admin", "jlp_leader", "cd_city"):
        client.force_login(world.users[username])
        assert client.get(f"/intake/{national.pk}/").status_code == 404, username
        assert f"/intake/{national.pk}/" not in client.get("/intake/").content.decode()
        api = client.get(f"/api/documents/{national.pk}", headers=bearer(world, username))
        assert api.status_code == 404, username
        assert national.pk not in [d["id"] for d in client.get("/api/documents").json()["items"]]


def test_other_districts_cannot_review_or_correct_its_facts(client, world, national):
    fact = amount_fact(national)
    client.force_login(world.users["jlp_admin"])
    assert (
        client.post(f"/intake/{national.pk}/review/", {"fact": fact.pk, "action": "accept"}).status_code
        == 404
    )
    assert client.post(f"/intake/{national.pk}/accept-all/").status_code == 404
    assert patch(client, world, "jlp_admin", fact, {"text": "10亿元"}).status_code == 404
    review = client.post(
        f"/api/facts/{fact.pk}/review",
        json.dumps({"action": "accept"}),
        content_type="application/json",
        headers=bearer(world, "jlp_admin"),
    )
    assert review.status_code == 404
    fact.refresh_from_db()
    assert fact.status == FactStatus.PENDING and fact.text == "9亿元"


def test_the_uploaders_district_and_city_see_and_review_it(client, world, national):
    fact = amount_fact(national)
    client.force_login(world.users["spb_admin"])
    assert client.get(f"/intake/{national.pk}/").status_code == 200
    assert (
        client.post(f"/intake/{national.pk}/review/", {"fact": fact.pk, "action": "accept"}).status_code
        == 302
    )
    client.force_login(world.users["cq_city"])
    assert client.get(f"/intake/{national.pk}/").status_code == 200


def test_a_document_without_a_region_belongs_to_the_uploaders_region_only(client, world, city_national):
    fact = amount_fact(city_national)
    for username in ("spb_officer", "spb_admin", "jlp_admin", "cd_city"):
        client.force_login(world.users[username])
        assert client.get(f"/intake/{city_national.pk}/").status_code == 404, username
        assert f"/intake/{city_national.pk}/" not in client.get("/intake/").content.decode()
        assert (
            client.get(f"/api/documents/{city_national.pk}", headers=bearer(world, username)).status_code
            == 404
        )
        assert patch(client, world, username, fact, {"text": "10亿元"}).status_code == 404, username
    client.force_login(world.users["cq_city"])
    assert client.get(f"/intake/{city_national.pk}/").status_code == 200
    assert patch(client, world, "cq_city", fact, {"text": "10亿元"}).status_code == 200


def test_a_document_of_nobody_is_reviewed_by_a_superuser_only(client, world):
    document = Document.objects.create(
        title="无主文档", format="paste", text=NO_REGION, length=len(NO_REGION), text_hash="x" * 64
    )
    fact = Fact.objects.create(
        document=document,
        key="f1",
        type="investment_amount",
        label="总投资额",
        value=Decimal(900_000_000),
        span_start=0,
        span_end=3,
        text="9亿元",
    )
    client.force_login(world.users["cq_city"])
    assert client.get(f"/intake/{document.pk}/").status_code == 404
    assert patch(client, world, "spb_admin", fact, {"text": "10亿元"}).status_code == 404
    assert patch(client, world, "admin", fact, {"text": "10亿元"}).status_code == 200


# --- 9: the live check is no oracle across districts ---------------------------------------------------


@pytest.mark.parametrize("code", [JIANGBEI, "110101"])
def test_correcting_a_fact_to_a_region_out_of_reach_is_refused(client, world, national, code):
    fact = amount_fact(national)
    before = (fact.region_code, fact.period)
    response = patch(client, world, "spb_officer", fact, {"region": code, "period": "2021H1"})
    assert response.status_code == 403
    fact.refresh_from_db()
    assert (fact.region_code, fact.period) == before and fact.region_code != code


def test_the_live_check_does_not_show_figures_of_a_region_out_of_reach(client, world):
    # The seed article names 沙坪坝区; a fact placed in 九龙坡区 (as the text or a city admin may place it)
    # is shown unchecked to 沙坪坝区's users, on the page and in the API.
    from tests.intake.conftest import SEED

    client.force_login(world.users["spb_officer"])
    body = json.dumps({"text": SEED.read_text()})
    created = client.post(
        "/api/documents", body, content_type="application/json", headers=bearer(world, "spb_officer")
    ).json()
    fact = Fact.objects.get(document_id=created["id"], text="超320亿元")
    Fact.objects.filter(pk=fact.pk).update(region_code=B, region_name="九龙坡区", status=FactStatus.ACCEPTED)
    detail = client.get(f"/api/documents/{created['id']}", headers=bearer(world, "spb_officer")).json()
    check = next(f for f in detail["facts"] if f["id"] == fact.pk)["check"]
    assert check["verdict"] == "not_comparable" and check["ledger_value"] is None
    assert "不在您的管辖范围内" in check["note"]
    page = client.get(f"/intake/{created['id']}/").content.decode()
    assert "区划不在您的管辖范围内" in page
    client.force_login(world.users["cq_city"])  # the city reaches 九龙坡区: checked for it
    page = client.get(f"/intake/{created['id']}/").content.decode()
    assert "区划不在您的管辖范围内" not in page


# --- 3: a correction the field cannot hold -----------------------------------------------------------


def test_a_correction_beyond_what_a_fact_can_hold_is_refused(client, world, national, tmp_path):
    fact = amount_fact(national)
    response = patch(client, world, "spb_officer", fact, {"text": "9999999999999999999999亿元"})
    assert response.status_code == 422 and "超出可记录的范围" in response.json()["error"]["message"]
    fact.refresh_from_db()
    assert fact.value == 900_000_000 and fact.text == "9亿元"
    client.force_login(world.users["spb_officer"])
    page = client.post(
        f"/intake/{national.pk}/review/",
        {"fact": fact.pk, "action": "correct", "phrase": "9999999999999999999999亿元"},
        follow=True,
    )
    assert "超出可记录的范围" in page.content.decode()
    # Everything that reads the document still works.
    assert client.get(f"/intake/{national.pk}/").status_code == 200
    assert client.get(f"/api/documents/{national.pk}").status_code == 200
    assert client.get(f"/history/fact/{fact.pk}/").status_code == 200
    call_command("backup", str(tmp_path / "backup.tar.gz"))


def test_a_document_stating_such_a_figure_is_refused_whole(client, world):
    text = "沙坪坝区上半年签约项目合同投资额9999999999999999999999亿元。"
    response = client.post(
        "/api/documents",
        json.dumps({"text": text}),
        content_type="application/json",
        headers=bearer(world, "spb_officer"),
    )
    assert response.status_code == 400 and "超出可记录的范围" in response.json()["error"]["message"]
    assert not Document.objects.filter(text__contains="9999999999").exists()


# --- 19: a correction states the same kind of figure -------------------------------------------------


@pytest.mark.parametrize(("kind", "phrase"), [("project_count", "5亿元"), ("investment_amount", "50个")])
def test_a_correction_of_another_kind_is_refused(client, world, kind, phrase):
    from tests.intake.factories import document_in
    from zhaoshang.regions.models import Region

    document = document_in(Region.objects.get(code=A), title="口径测试文档")
    fact = document.facts.get()
    Fact.objects.filter(pk=fact.pk).update(type=kind)
    response = patch(client, world, "spb_admin", fact, {"text": phrase})
    assert response.status_code == 422 and "不能更正为" in response.json()["error"]["message"]
    fact.refresh_from_db()
    assert fact.text == "5个"


# --- 18: an explicit district name wins over a region guessed from a firm's name ------------------------


def test_a_pasted_report_about_a_district_is_placed_there_despite_a_firms_name(client, world):
    text = "沙坪坝区与宁德时代签约，宁德时代投资动力电池项目，总投资100亿元。宁德时代表示将加快建设。"
    client.force_login(world.users["spb_officer"])
    response = client.post("/intake/new/", {"mode": "paste", "text": text})
    assert response.status_code == 302, response.content.decode()[:500]
    document = Document.objects.get(text__startswith="沙坪坝区与宁德时代")
    assert document.region.code == A
    assert list(document.facts.values_list("region_code", flat=True)) == [A]


def test_a_shared_district_name_means_the_one_within_reach(client, world):
    from zhaoshang.accounts.models import Role, User
    from zhaoshang.regions.models import Region

    assert Region.objects.filter(name="江北区").count() > 1  # Chongqing's and Ningbo's
    officer = User.objects.create(
        username="jb_officer_t", role=Role.OFFICER, region=Region.objects.get(code=JIANGBEI)
    )
    from tests.intake.factories import document_in

    fact = document_in(Region.objects.get(code=JIANGBEI), title="江北文档").facts.get()
    client.force_login(officer)
    client.post(
        f"/intake/{fact.document_id}/review/", {"fact": fact.pk, "action": "correct", "region": "江北区"}
    )
    fact.refresh_from_db()
    assert fact.region_code == JIANGBEI
