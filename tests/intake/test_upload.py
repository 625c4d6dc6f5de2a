"""Taking the seed article in through the upload form, and refusing what cannot or must not be stored."""

from __future__ import annotations

import pytest

from tests.intake.conftest import REPUBLISHED, SEED_HTML
from zhaoshang.intake.models import Document, Fact, FactStatus

pytestmark = pytest.mark.django_db


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_seed_page_is_stored_once_with_its_eight_facts_pending(seed_document):
    facts = list(seed_document.facts.order_by("key"))
    assert seed_document.region.code == "500106"
    assert seed_document.period == "2022H1"
    assert seed_document.published_on.isoformat() == "2022-08-04"
    assert seed_document.source == "华龙网-新重庆客户端"
    assert seed_document.text.count("合同投资额超320亿元") == 1  # the page holds the article twice
    assert {f.status for f in facts} == {FactStatus.PENDING}
    assert sorted(f.text for f in facts) == sorted(
        ["50个", "超320亿元", "122亿元", "近40%", "109%", "26家", "达42家", "12家"]
    )
    part = Fact.objects.get(document=seed_document, text="122亿元")
    assert part.parent.text == "超320亿元"
    for fact in facts:
        assert seed_document.text[fact.span_start : fact.span_end] == fact.text


def test_the_seed_document_keeps_the_named_enterprises_with_former_names(seed_document):
    names = [e["name"] for e in seed_document.entities["enterprises"]]
    assert "赛力斯集团股份有限公司" in names  # 赛力斯集团(原小康集团)
    seres = next(e for e in seed_document.entities["enterprises"] if e["name"] == "赛力斯集团股份有限公司")
    assert "小康集团" in seres["aliases_matched"]
    gaps = [e["name"] for e in seed_document.entities["segments"] if e["planned"]]
    assert {"增程式动力总成", "车载操作系统", "车载地图", "车联网"} <= set(gaps)


def test_a_segment_written_by_another_name_is_recognised_as_that_segment(admin_client):
    text = "下半年，沙坪坝区将围绕增程器、高精地图和CDMO等领域开展精准招商。"
    response = admin_client.post("/intake/new/", {"mode": "paste", "title": "别称稿", "text": text})
    assert response.status_code == 302
    segments = {e["name"]: e for e in Document.objects.get(title="别称稿").entities["segments"]}
    assert {"增程式动力总成", "车载地图", "CXO"} <= set(segments)
    assert segments["增程式动力总成"]["planned"]


def test_the_detail_page_lists_the_facts_for_review(admin_client, seed_document):
    response = admin_client.get(seed_document.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('data-testid="fact"') == 8
    assert "全部采纳（8 条待审核）" in page


def test_an_exact_duplicate_is_refused_with_a_link_to_the_existing_document(
    upload, seed_document, seed_bytes
):
    again = upload("copy.txt", seed_bytes.replace(b"\n", b"\r\n"))  # another layout, the same text
    assert again.status_code == 400
    assert "相同正文的文档已存在" in _messages(again)
    assert f'href="{seed_document.get_absolute_url()}"' in again.content.decode()
    assert Document.objects.count() == 1


def test_the_same_article_with_other_page_furniture_is_linked_as_a_near_duplicate(upload, seed_document):
    response = upload(REPUBLISHED.name, REPUBLISHED.read_bytes())
    assert response.status_code == 302
    copy = Document.objects.get(original_name=REPUBLISHED.name)
    assert copy.near_duplicate_of == seed_document
    assert copy.similarity >= 0.85
    assert copy.facts.count() == 8


def test_an_unrelated_article_is_not_a_near_duplicate(upload, seed_document):
    text = "九龙坡区上半年签约项目12个，协议投资额86亿元，其中工业项目8个。园区新增规上企业5家。"
    response = upload("other.txt", text.encode())
    assert response.status_code == 302
    assert Document.objects.get(original_name="other.txt").near_duplicate_of is None


def test_an_html_page_is_reduced_to_its_article_with_its_metadata(upload):
    response = upload(SEED_HTML.name, SEED_HTML.read_bytes())
    assert response.status_code == 302
    document = Document.objects.get(original_name=SEED_HTML.name)
    assert document.format == "html"
    assert document.title == "上半年,沙坪坝区工业招商提前完成了全年目标任务"
    assert document.published_on.isoformat() == "2022-08-04"
    assert "3401582423" not in document.text and "首页" not in document.text
    assert document.facts.count() == 8


def test_pasted_text_is_taken_in_with_the_date_given(admin_client):
    text = "今年上半年，沙坪坝区引进重点产业项目50个，合同投资额超320亿元。"
    response = admin_client.post(
        "/intake/new/", {"mode": "paste", "title": "粘贴稿", "text": text, "published_on": "2022-08-04"}
    )
    assert response.status_code == 302
    document = Document.objects.get(title="粘贴稿")
    assert document.format == "paste" and document.period == "2022H1"
    assert document.facts.count() == 2


def test_each_extracted_fact_starts_its_audit_trail_with_who_and_from_where(admin_client, admin_user):
    text = "今年上半年，沙坪坝区引进重点产业项目51个，合同投资额超321亿元。"
    response = admin_client.post(
        "/intake/new/", {"mode": "paste", "title": "审计稿", "text": text}, REMOTE_ADDR="10.9.8.7"
    )
    assert response.status_code == 302
    facts = list(Document.objects.get(title="审计稿").facts.all())
    assert len(facts) == 2
    for fact in facts:
        (record,) = fact.history.all()
        assert (record.history_type, record.history_user, record.history_ip) == ("+", admin_user, "10.9.8.7")


BAD = [
    ("empty.txt", b"", "文件是空的"),
    ("blank.txt", b" \n\t\n", "文件是空的"),
    ("binary.txt", b"\x00\x01\x02PK\x00\x00binary", "二进制内容"),
    ("big.txt", b"a" * (15 * 1024 * 1024), "文件过大：15.0 MB，上限为 10 MB"),
    ("gbk.txt", "沙坪坝区上半年引进重点产业项目50个。".encode("gbk"), "不是 UTF-8 编码"),
    ("page.pdf", b"%PDF-1.4", "不支持的文件类型"),
    ("fake.docx", b"not a zip", "不是有效的 Word"),
    (
        "nothing.html",
        b"<html><head><title>x</title></head><body><script>var a=1;</script></body></html>",
        "找不到正文",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_document_gets_a_chinese_message_and_nothing_is_stored(upload, name, data, message):
    response = upload(name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Document.objects.count() == 0 and Fact.objects.count() == 0


def test_a_50_mb_file_is_refused_in_chinese_before_it_is_read(upload):
    # The site's request limit (core.middleware, 20 MB) answers before the intake form's 10 MB check.
    response = upload("huge.txt", b"a" * (50 * 1024 * 1024))
    assert response.status_code in (400, 413)
    body = response.content.decode()
    assert "上传内容过大（50.0 MB）" in body or "文件过大：50.0 MB" in body
    assert Document.objects.count() == 0 and Fact.objects.count() == 0


def test_the_gbk_message_suggests_the_encoding(upload):
    response = upload("gbk.txt", "沙坪坝区上半年引进重点产业项目50个。".encode("gbk"))
    assert "GBK" in response.content.decode()


def test_a_leader_may_not_add_documents(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="spb_leader"))
    assert client.get("/intake/new/").status_code == 403


def test_an_officer_may_not_add_a_document_about_another_district(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="spb_officer"))
    text = "2022年上半年，九龙坡区引进重点产业项目12个，合同投资额86亿元。"
    response = client.post("/intake/new/", {"mode": "paste", "text": text})
    assert response.status_code == 400
    assert "不在您的管辖范围内" in response.content.decode()
    assert Document.objects.count() == 0


def test_a_duplicate_out_of_reach_is_refused_without_showing_it(upload, client, django_user_model):
    from tests.intake.factories import document_in
    from zhaoshang.regions.models import Region

    other = document_in(Region.objects.get(code="500107"), title="九龙坡区内部文档")
    client.force_login(django_user_model.objects.get(username="spb_admin"))
    response = upload("copy.txt", other.text.encode(), client=client)
    assert response.status_code == 400
    body = response.content.decode()
    assert "相同正文的文档已存在" in body
    assert "九龙坡区内部文档" not in body and other.get_absolute_url() not in body


def test_our_district_in_an_officers_upload_is_the_officers_district(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="spb_officer"))
    text = "今年上半年，全区新签约重点产业项目26个，合同投资额86亿元。"
    response = client.post("/intake/new/", {"mode": "paste", "text": text, "published_on": "2022-08-04"})
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.region.code == "500106"
    assert {f.region_code for f in document.facts.all()} == {"500106"}
