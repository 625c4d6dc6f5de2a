"""Reading files into article text: encodings, HTML reduction, .docx, refusals (no database)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from tests.intake.conftest import SEED_HTML
from zhaoshang.intake.reading import MAX_BYTES, IntakeError, find_date, read_bytes, read_pasted

ARTICLE = "2022年上半年，沙坪坝区引进重点产业项目50个，合同投资额超320亿元。"


def test_a_page_declaring_gbk_is_read_in_gbk():
    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        f"<body><article><p>{ARTICLE}</p><p>{ARTICLE.replace('上半年', '一季度')}</p></article></body></html>"
    )
    raw = read_bytes(page.encode("gbk"), name="gbk.html")
    assert "合同投资额超320亿元" in raw.text


def test_a_page_whose_content_contradicts_its_declared_charset_is_refused():
    page = f'<html><head><meta charset="utf-8"></head><body><p>{ARTICLE}</p></body></html>'
    with pytest.raises(IntakeError, match="声明的字符编码为 utf-8"):
        read_bytes(page.encode("gbk"), name="bad.html")


def test_an_undeclared_gbk_page_is_refused_with_advice():
    page = f"<html><body><p>{ARTICLE}</p></body></html>"
    with pytest.raises(IntakeError, match="GBK"):
        read_bytes(page.encode("gbk"), name="old.htm")


def test_a_text_file_may_carry_a_byte_order_mark():
    assert read_bytes(b"\xef\xbb\xbf" + ARTICLE.encode(), name="bom.txt").text == ARTICLE
    assert read_bytes(ARTICLE.encode("utf-16"), name="wide.txt").text == ARTICLE


def test_the_html_metadata_is_kept():
    raw = read_bytes(SEED_HTML.read_bytes(), name=SEED_HTML.name)
    assert (raw.title, raw.published_on, raw.source, raw.author) == (
        "上半年,沙坪坝区工业招商提前完成了全年目标任务",
        date(2022, 8, 4),
        "华龙网",
        "赵颖竹",
    )


def test_a_word_document_is_read_with_its_tables():
    import docx

    document = docx.Document()
    document.core_properties.title = "一季度招商情况"
    document.add_paragraph(ARTICLE)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "签约项目", "50个"
    buffer = io.BytesIO()
    document.save(buffer)
    raw = read_bytes(buffer.getvalue(), name="brief.docx")
    assert raw.title == "一季度招商情况" and ARTICLE in raw.text and "签约项目\t50个" in raw.text


def test_the_first_date_written_is_the_documents_date():
    assert find_date("来源:华龙网2022-08-04 15:36") == date(2022, 8, 4)
    assert find_date("（数据截至2022年6月30日，2025年1月2日编制）") == date(2022, 6, 30)
    assert find_date("2022年2月30日无效，2022年3月1日有效") == date(2022, 3, 1)
    assert find_date("上半年") is None


def test_limits_and_refusals():
    with pytest.raises(IntakeError, match="文件过大"):
        read_bytes(b"x" * (MAX_BYTES + 1), name="big.txt")
    with pytest.raises(IntakeError, match="请粘贴"):
        read_pasted("   ")
    with pytest.raises(IntakeError, match="NUL"):
        read_pasted("a\x00b")
