"""The .docx and PDF briefing as a bureau files it (GB/T 9704): A4, 公文 margins, named fonts and real
styles, "— 1 —" page numbers, the bureau as author, the creation time, print-resolution charts without
overlapping labels and a plain Chinese sources appendix — through the download URL and the command."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
from datetime import UTC, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.support import call
from zhaoshang.lib.briefing import Bar
from zhaoshang.lib.periods import parse_period
from zhaoshang.regions.models import Region
from zhaoshang.reports import charts
from zhaoshang.reports.figures import gather

pytestmark = pytest.mark.django_db
URL = "/reports/briefing/download/?region=500106&period=2022H1&format="
FIRST_SOURCE = "来源：项目台账 · 沙坪坝区 · 2022年上半年 · 重点项目口径 · 50个"


def _east_asian_font(style) -> str:
    from docx.oxml.ns import qn

    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def _check_docx(data: bytes, *, since) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt
    from PIL import Image

    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert all(abs(m - Mm(v)) < Mm(0.1) for m, v in zip(margins, (37, 35, 28, 26), strict=True))

    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text.startswith("上半年，沙坪坝区")
    heading = next(p for p in paragraphs if p.text == "数据来源")
    assert heading.style.name == "Heading 1"
    styles = document.styles
    assert _east_asian_font(styles["Title"]) == "方正小标宋简体" and styles["Title"].font.size == Pt(22)
    assert _east_asian_font(styles["Normal"]) == "仿宋_GB2312" and styles["Normal"].font.size == Pt(16)
    assert _east_asian_font(styles["Heading 1"]) == "黑体"
    assert _east_asian_font(styles["Heading 2"]) == "楷体_GB2312"
    body = [p for p in paragraphs if p.text.startswith("2022年上半年，沙坪坝区")]
    assert body and body[0].style.name == "Normal"
    # each 公文 font falls back to an installed Noto CJK face
    font_table = next(
        p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"
    ).blob.decode()
    for font, fallback in (("仿宋_GB2312", "Noto Serif CJK SC"), ("黑体", "Noto Sans CJK SC")):
        assert re.search(rf'w:name="{font}">\s*<w:altName w:val="{fallback}"', font_table)

    # GB/T 9704 7.5: odd pages' numbers on the right, even pages' on the left, one character (14 pt) in.
    assert document.settings.odd_and_even_pages_header_footer
    for footer, alignment, indent in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent"),
    ):
        (paragraph,) = footer.paragraphs
        xml = paragraph._p.xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert "<w:instrText" in xml and " PAGE " in xml and 'w:fldCharType="begin"' in xml
        assert paragraph.alignment == alignment and getattr(paragraph.paragraph_format, indent) == Pt(14)
        assert paragraph.style.name == "Footer" and not footer.is_linked_to_previous

    props = document.core_properties
    assert props.author == "沙坪坝区投资促进局"
    created = props.created.replace(tzinfo=UTC)
    assert since - timedelta(seconds=2) <= created <= timezone.now() + timedelta(seconds=2)

    sources = [p.text for p in paragraphs if p.text.startswith("来源：")]
    assert sources[0] == FIRST_SOURCE and len(sources) == 9
    assert not [p for p in paragraphs if "evaluate(" in p.text or "台账值" in p.text]

    shapes = document.inline_shapes
    assert len(shapes) == 2
    for shape in shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        image = Image.open(io.BytesIO(document.part.related_parts[blip.embed].blob))
        assert image.width / shape.width.inches >= 200  # print resolution as placed


def test_the_downloaded_docx_is_laid_out_as_a_gongwen(admin_client):
    since = timezone.now().replace(microsecond=0)
    response = admin_client.get(URL + "docx")
    assert response.status_code == 200
    _check_docx(response.content, since=since)


def test_the_command_writes_the_same_docx(tmp_path):
    since = timezone.now().replace(microsecond=0)
    out = tmp_path / "b.docx"
    call("brief", "--region", "500106", "--period", "2022H1", "--format", "docx", "--out", str(out))
    _check_docx(out.read_bytes(), since=since)


def test_a_bureau_template_decides_the_styles(tmp_path, settings, admin_client):
    import docx

    reference = tmp_path / "reference.docx"
    assert "已写出" in call("brief", "--reference-docx", str(reference))
    own = docx.Document(str(reference))
    own.styles["Normal"].font.name = "Arial"  # the bureau's change
    own.add_paragraph("template text that must not survive")
    own.save(str(reference))
    settings.BRIEFING_DOCX_TEMPLATE = str(reference)
    document = docx.Document(io.BytesIO(admin_client.get(URL + "docx").content))
    assert document.styles["Normal"].font.name == "Arial"
    assert "template text that must not survive" not in [p.text for p in document.paragraphs]
    assert document.paragraphs[0].style.name == "Title"
    assert round(document.sections[0].top_margin.mm) == 37


def test_an_unusable_template_falls_back_to_the_built_in_one(tmp_path, settings, admin_client):
    bad = tmp_path / "bad.docx"
    bad.write_text("not a word file")
    settings.BRIEFING_DOCX_TEMPLATE = str(bad)
    since = timezone.now().replace(microsecond=0)
    response = admin_client.get(URL + "docx")
    assert response.status_code == 200
    _check_docx(response.content, since=since)


def test_the_pdf_is_a4_with_gongwen_margins_page_numbers_and_author(admin_client, tmp_path):
    path = tmp_path / "b.pdf"
    path.write_bytes(admin_client.get(URL + "pdf").content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info and re.search(r"Author:\s+沙坪坝区投资促进局", info)
    assert re.search(r"CreationDate:\s+\S+", info)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "—1—" in text.replace(" ", "") and FIRST_SOURCE.replace(" ", "") in text.replace(" ", "")
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [
        (float(x0), float(y0), float(y1), w)
        for x0, y0, _x1, y1, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', bbox
        )
    ]
    mm = 72 / 25.4
    # GB/T 9704 7.5: page 1's number right of the middle, page 2's left of it (the footer lines "— n —").
    pages = re.findall(r"<page [^>]*>(.*?)</page>", bbox, re.S)
    assert len(pages) >= 2
    for number, page in enumerate(pages[:2], start=1):
        (x0,) = [
            float(x)
            for x, y, w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page)
            if w == str(number) and float(y) > 842 - 35 * mm
        ]
        assert (x0 > 595 / 2) if number % 2 else (x0 < 595 / 2)
    body = [w for w in words if w[3] not in ("—",) and not w[3].isdigit()]
    assert min(x for x, *_ in body) >= 28 * mm - 1  # left margin 28 mm
    assert min(y for _x, y, *_ in body) >= 37 * mm - 1  # top margin 37 mm
    assert max(y1 for _x, _y, y1, _w in body) <= 842 - 35 * mm + 1  # bottom margin 35 mm
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Serif-CJK-SC" in fonts and "Noto-Sans-CJK-SC" in fonts  # the Chinese faces, embedded


@pytest.mark.parametrize("count", [6, 14])
def test_chart_labels_never_overlap(count):
    figures = gather(Region.objects.get(code="500106"), parse_period("2022H1"))
    names = [
        "智能网联新能源汽车",
        "生物医药与大健康",
        "新一代电子信息制造业",
        "现代物流与口岸经济",
        "软件和信息服务",
    ]
    names += [
        "文化旅游",
        "现代金融",
        "设计产业",
        "数字经济",
        "商贸服务",
        "绿色低碳",
        "航空航天装备",
        "新材料",
        "会展",
    ]
    crowded = dataclasses.replace(
        figures,
        by_direction=tuple(Bar(n, Decimal(i * 37 + 1) * 10**8) for i, n in enumerate(names[:count])),
        completions=tuple(Bar(n, Decimal("0.3") + Decimal(i) / 10) for i, n in enumerate(names[:count])),
    )
    for f in (figures, crowded):
        for draw in charts.DRAWERS.values():
            with charts.drawing((7, 0.5 * count + 1.6)) as (fig, ax):
                draw(fig, ax, f)
                assert charts.overlapping_labels(fig) == []
