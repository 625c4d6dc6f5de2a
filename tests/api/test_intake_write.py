"""Writing through /api/documents and /api/facts: taking a document in (multipart file, JSON or form paste)
and correcting a fact, through the same reading and services as the pages — with the same refusals, the
same scoping, and an audit trail that names the API token."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.intake.conftest import SEED
from zhaoshang.accounts.models import ApiToken
from zhaoshang.intake.models import Document, Fact, FactEvent, FactStatus
from zhaoshang.intake.reading import MAX_BYTES

pytestmark = pytest.mark.django_db

A, B = "500106", "500107"
JLP_ARTICLE = "九龙坡区上半年签约项目12个，协议投资额86亿元，其中工业项目8个。园区新增规上企业5家。"


def upload(client, headers, name: str, data: bytes, **fields):
    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post("/api/documents", {"file": file, **fields}, headers=headers)


def send_json(client, method: str, url: str, headers, body):
    return client.generic(method, url, json.dumps(body), content_type="application/json", headers=headers)


def token_of(world, username: str) -> ApiToken:
    return ApiToken.objects.get(user=world.users[username], name="matrix")


@pytest.fixture
def seed(client, world, bearer) -> dict:
    """The seed article uploaded by 沙坪坝区's officer with their API token; the 201 body."""
    response = upload(client, bearer("spb_officer"), SEED.name, SEED.read_bytes())
    assert response.status_code == 201, response.content.decode()
    return response.json()


# --- taking a document in -----------------------------------------------------------------------------


def test_the_seed_article_uploaded_with_a_token_is_stored_with_its_facts_pending(seed, world):
    assert seed["region"]["code"] == A and seed["period"] == "2022H1" and seed["format"] == "txt"
    amount = next(f for f in seed["facts"] if f["text"] == "超320亿元")
    assert amount["value"] == 32_000_000_000 and amount["qualifier"] == "超" and amount["region_code"] == A
    assert {f["status"] for f in seed["facts"]} == {FactStatus.PENDING}
    assert seed["n_facts"] == len(seed["facts"]) == 8 and seed["n_pending"] == 8
    document = Document.objects.get(pk=seed["id"])
    assert document.uploaded_by == world[A].officer and document.original_name == SEED.name
    assert document.facts.count() == 8


def test_a_pasted_text_is_taken_in_from_json_with_the_metadata_given(client, world, bearer):
    body = {
        "text": SEED.read_text(),
        "title": "沙坪坝区上半年工业招商",
        "source": "区投促中心",
        "url": "https://example.cn/a",
        "published_on": "2022-08-05",
    }
    response = send_json(client, "POST", "/api/documents", bearer("spb_admin"), body)
    assert response.status_code == 201, response.content.decode()
    created = response.json()
    assert (
        created["title"],
        created["source"],
        created["url"],
        created["published_on"],
        created["format"],
    ) == ("沙坪坝区上半年工业招商", "区投促中心", "https://example.cn/a", "2022-08-05", "paste")
    assert "超320亿元" in {f["text"] for f in created["facts"]}


def test_a_pasted_text_is_taken_in_from_a_form_and_a_stated_region_is_kept(client, world, bearer):
    text = "上半年签约项目7个，协议投资额21亿元。"  # names no region: the caller says which
    response = client.post(
        "/api/documents", {"text": text, "region": A, "published_on": ""}, headers=bearer("spb_officer")
    )
    assert response.status_code == 201, response.content.decode()
    assert response.json()["region"]["code"] == A
    assert Document.objects.get(pk=response.json()["id"]).region.code == A


def test_the_same_text_again_is_409_naming_the_existing_document_only_within_reach(seed, client, bearer):
    again = upload(client, bearer("spb_admin"), "copy.txt", SEED.read_bytes().replace(b"\n", b"\r\n"))
    assert again.status_code == 409
    error = again.json()["error"]
    assert error["code"] == "duplicate_document" and "相同正文的文档已存在" in error["message"]
    assert error["details"] == {"existing_id": seed["id"]}
    pasted = send_json(client, "POST", "/api/documents", bearer("spb_admin"), {"text": SEED.read_text()})
    assert pasted.status_code == 409
    other = upload(client, bearer("jlp_admin"), "copy.txt", SEED.read_bytes())  # 沙坪坝's document: not named
    assert other.status_code == 409 and other.json()["error"]["details"] == {"existing_id": None}
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", b"%PDF-1.4 ...", "不支持的文件类型“.pdf”"),
        ("gbk.txt", "沙坪坝区上半年签约项目50个".encode("gb18030"), "不是 UTF-8 编码"),
        ("empty.txt", b"", "文件是空的"),
        ("fake.docx", b"not a zip", "不是有效的 Word"),
    ],
)
def test_a_file_that_cannot_be_read_is_400_with_the_pages_chinese_message(
    client, world, bearer, name, data, message
):
    response = upload(client, bearer("spb_officer"), name, data)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad_request" and message in error["message"]
    assert not Document.objects.exists()


def test_a_file_over_the_limit_is_413_before_it_is_read(client, world, bearer):
    response = upload(client, bearer("spb_officer"), "big.txt", b"a" * (MAX_BYTES + 1))
    assert response.status_code == 413
    assert (
        response.json()["error"]["code"] == "payload_too_large"
        and "文件过大" in response.json()["error"]["message"]
    )
    assert not Document.objects.exists()


@pytest.mark.parametrize("body", [{}, {"title": "只有标题"}, {"text": "x", "titel": "拼错的字段"}])
def test_a_body_without_text_or_with_unknown_fields_is_422(client, world, bearer, body):
    response = send_json(client, "POST", "/api/documents", bearer("spb_officer"), body)
    assert response.status_code == 422 and response.json()["error"]["code"] == "validation_error"


def test_a_file_and_a_text_together_are_422(client, world, bearer):
    response = upload(client, bearer("spb_officer"), SEED.name, SEED.read_bytes(), text="另一段正文")
    assert response.status_code == 422
    assert not Document.objects.exists()


def test_a_document_is_refused_to_leaders_and_outside_the_callers_district(client, world, bearer):
    assert upload(client, bearer("spb_leader"), SEED.name, SEED.read_bytes()).status_code == 403
    paste = {"text": JLP_ARTICLE}
    foreign = send_json(client, "POST", "/api/documents", bearer("spb_officer"), paste)  # about 九龙坡区
    assert foreign.status_code == 403 and "不在您的管辖范围内" in foreign.json()["error"]["message"]
    stated = send_json(
        client, "POST", "/api/documents", bearer("spb_officer"), {"text": "签约项目3个。", "region": B}
    )
    assert stated.status_code == 403
    unknown = send_json(
        client, "POST", "/api/documents", bearer("spb_officer"), {"text": "签约项目3个。", "region": "999999"}
    )
    assert unknown.status_code == 422
    assert not Document.objects.exists()
    city = send_json(client, "POST", "/api/documents", bearer("cq_city"), paste)
    assert city.status_code == 201 and city.json()["region"]["code"] == B


def test_an_unauthenticated_upload_is_401(client, world):
    assert client.post("/api/documents", {"text": JLP_ARTICLE}).status_code == 401


# --- correcting a fact --------------------------------------------------------------------------------


def test_a_correction_by_token_changes_the_value_and_is_recorded_with_the_token(seed, client, world, bearer):
    fact_id = next(f["id"] for f in seed["facts"] if f["text"] == "122亿元")
    response = send_json(
        client,
        "PATCH",
        f"/api/facts/{fact_id}",
        bearer("spb_officer"),
        {"text": "约125亿元", "period": "2022H1"},
    )
    assert response.status_code == 200, response.content.decode()
    out = response.json()
    assert (out["text"], out["value"], out["qualifier"], out["original_text"], out["status"]) == (
        "约125亿元",
        12_500_000_000,
        "约",
        "122亿元",
        FactStatus.ACCEPTED,
    )
    assert out["check"] is not None  # accepted, so checked against the ledger
    fact = Fact.objects.get(pk=fact_id)
    assert fact.value == 12_500_000_000 and fact.reviewed_by == world[A].officer
    event = FactEvent.objects.get(fact=fact)
    assert (event.action, event.user, event.before, event.after) == (
        "correct",
        world[A].officer,
        "122亿元 · 500106 · 2022H1",
        "约125亿元 · 500106 · 2022H1",
    )
    record = fact.history.latest("history_date")
    assert record.text == "约125亿元" and record.history_user == world[A].officer
    assert record.history_token == str(token_of(world, "spb_officer")) and record.history_ip


def test_the_page_shows_a_value_corrected_through_the_api(seed, client, world, bearer):
    fact_id = next(f["id"] for f in seed["facts"] if f["text"] == "122亿元")
    assert (
        send_json(
            client, "PATCH", f"/api/facts/{fact_id}", bearer("spb_officer"), {"text": "约125亿元"}
        ).status_code
        == 200
    )
    client.force_login(world[A].leader)
    page = client.get(f"/intake/{seed['id']}/").content.decode()
    assert "约125亿元" in page and "122亿元" in page  # the correction, and what the text said


def test_a_review_by_token_is_recorded_with_the_token(seed, client, world, bearer):
    fact_id = seed["facts"][0]["id"]
    response = send_json(
        client, "POST", f"/api/facts/{fact_id}/review", bearer("spb_admin"), {"action": "reject"}
    )
    assert response.status_code == 200
    record = Fact.objects.get(pk=fact_id).history.latest("history_date")
    assert record.status == FactStatus.REJECTED and record.history_token == str(token_of(world, "spb_admin"))


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"text": "很多钱"}, 422, "无法识别"),
        ({"period": "上古"}, 422, "无法识别的期间"),
        ({"region": "火星"}, 422, "找不到区划"),
        ({}, 422, "请至少填写一项"),
        ({"text": "   "}, 422, "请至少填写一项"),
        ({"value": 1}, 422, "请求参数不符合要求"),
    ],
)
def test_an_unreadable_correction_changes_nothing(seed, client, world, bearer, body, status, message):
    fact_id = next(f["id"] for f in seed["facts"] if f["text"] == "122亿元")
    response = send_json(client, "PATCH", f"/api/facts/{fact_id}", bearer("spb_officer"), body)
    assert response.status_code == status and message in response.json()["error"]["message"]
    fact = Fact.objects.get(pk=fact_id)
    assert (fact.text, fact.status, fact.original_text) == ("122亿元", FactStatus.PENDING, "")
    assert not FactEvent.objects.filter(fact=fact).exists()


def test_a_correction_is_refused_to_leaders_and_404_across_districts(seed, client, world, bearer):
    fact_id = next(f["id"] for f in seed["facts"] if f["text"] == "122亿元")
    records = Fact.objects.get(pk=fact_id).history.count()
    body = {"text": "约125亿元"}
    assert send_json(client, "PATCH", f"/api/facts/{fact_id}", bearer("spb_leader"), body).status_code == 403
    for username in ("jlp_admin", "jlp_officer", "cd_city"):
        response = send_json(client, "PATCH", f"/api/facts/{fact_id}", bearer(username), body)
        assert response.status_code == 404, username
    fact = Fact.objects.get(pk=fact_id)
    assert fact.text == "122亿元" and fact.history.count() == records
    assert send_json(client, "PATCH", f"/api/facts/{fact_id}", bearer("cq_city"), body).status_code == 200
