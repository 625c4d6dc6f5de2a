"""The Word briefing (.docx) as a bureau files it: the text poured into a reference document whose styles,
page setup and footer are the bureau's to replace (settings.BRIEFING_DOCX_TEMPLATE, like pandoc's
reference-doc). The built-in reference follows GB/T 9704-2012 (党政机关公文格式): A4, margins top 37 mm,
bottom 35 mm, left 28 mm, right 26 mm; title 方正小标宋简体 二号, body 仿宋_GB2312 三号, first-level
headings 黑体, second-level 楷体_GB2312; page numbers "— 1 —" in the footer as a PAGE field, on the right
of odd pages and the left of even pages (different odd and even footers).

A machine without the 公文 fonts shows the installed Noto CJK faces instead: the font table names each
公文 font with the Noto face as its alternative (w:altName), which Word, WPS and LibreOffice substitute.
Content is written with style names only, so a bureau's template decides every font and size.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError

from zhaoshang.lib.briefing import Briefing, source_line

logger = logging.getLogger(__name__)
Charts = list[tuple[str, bytes]]
SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
LATIN = "Times New Roman"


@dataclass(frozen=True)
class StyleSpec:
    font: str  # the 公文 font (w:eastAsia)
    fallback: str  # the installed face named as its alternative in the font table
    size: float  # points
    centred: bool = False
    indent: bool = False  # first line indented by two characters


# GB/T 9704: 二号 = 22 pt, 三号 = 16 pt, 四号 = 14 pt, 小四 = 12 pt.
STYLES = {
    "Title": StyleSpec("方正小标宋简体", SERIF, 22, centred=True),
    "Subtitle": StyleSpec("楷体_GB2312", SERIF, 16, centred=True),
    "Normal": StyleSpec("仿宋_GB2312", SERIF, 16, indent=True),
    "Heading 1": StyleSpec("黑体", SANS, 16),
    "Heading 2": StyleSpec("楷体_GB2312", SERIF, 16),
    "Caption": StyleSpec("仿宋_GB2312", SERIF, 14, centred=True),
    "Footer": StyleSpec("宋体", SERIF, 14, centred=True),
}
SOURCE_STYLE = "Source"  # the appendix lines: 仿宋_GB2312 小四, single spacing
SOURCE_SPEC = StyleSpec("仿宋_GB2312", SERIF, 12)
LINE_PITCH = 28.95  # points: 22 lines to the type area of 225 mm, as GB/T 9704 sets it
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
PAGE_MM = (210, 297)


def _set_fonts(style, spec: StyleSpec) -> None:
    """Name the 公文 font for Chinese text (w:eastAsia, the one Word uses for CJK characters) and Times
    New Roman for Latin letters and digits; drop theme fonts, which would win over the names."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = LATIN
    r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(attribute), None)
    r_fonts.set(qn("w:eastAsia"), spec.font)
    style.font.size = Pt(spec.size)
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)


def _set_paragraph(style, spec: StyleSpec, *, exact: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fmt = style.paragraph_format
    p_pr = style.element.get_or_add_pPr()
    for border in p_pr.findall(qn("w:pBdr")):  # the default Title is underlined with a rule
        p_pr.remove(border)
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if spec.centred else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Pt(spec.size * 2) if spec.indent else Pt(0)
    fmt.space_before = fmt.space_after = Pt(0)
    if exact:
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(LINE_PITCH)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _font_table(document, specs: list[StyleSpec]) -> None:
    """Declare each 公文 font with its installed alternative (w:altName) and the GB2312 charset."""
    from lxml import etree

    part = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(part.blob)
    named = {f.get(f"{{{ns}}}name") for f in root.findall(f"{{{ns}}}font")}
    for spec in specs:
        if spec.font in named:
            continue
        named.add(spec.font)
        font = etree.SubElement(root, f"{{{ns}}}font", {f"{{{ns}}}name": spec.font})
        etree.SubElement(font, f"{{{ns}}}altName", {f"{{{ns}}}val": spec.fallback})
        etree.SubElement(font, f"{{{ns}}}charset", {f"{{{ns}}}val": "86"})  # GB2312
        etree.SubElement(
            font, f"{{{ns}}}family", {f"{{{ns}}}val": "modern" if spec.fallback == SANS else "roman"}
        )
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number(paragraph) -> None:
    """— PAGE — : the number is a field, so Word and WPS count the pages themselves."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.add_run("— ")
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
    paragraph.add_run(" —")


def reference_document():
    """The built-in reference: python-docx's blank document with the 公文 page setup, styles and footer."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(28)  # the page number sits 7 mm below the type area
    styles = document.styles
    for name, spec in STYLES.items():
        _set_fonts(styles[name], spec)
        _set_paragraph(styles[name], spec, exact=name in ("Normal", "Subtitle", "Heading 1", "Heading 2"))
    source = styles.add_style(SOURCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    source.base_style = styles["Normal"]
    _set_fonts(source, SOURCE_SPEC)
    _set_paragraph(source, SOURCE_SPEC, exact=False)
    # Chinese is the document's language (spell checking, line breaking).
    defaults = styles.element.find(qn("w:docDefaults"))
    lang = (
        defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}") if defaults is not None else None
    )
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    _font_table(document, [*STYLES.values(), SOURCE_SPEC])
    _page_numbers(document, section)
    return document


def _page_numbers(document, section) -> None:
    """GB/T 9704 7.5: odd pages' numbers on the right and even pages' on the left, each one character
    (one 四号 character, 14 pt) in from the edge of the type area; different odd and even footers."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document.settings.odd_and_even_pages_header_footer = True
    one_character = Pt(STYLES["Footer"].size)
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles["Footer"]
        paragraph.alignment = alignment
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = one_character
        else:
            paragraph.paragraph_format.left_indent = one_character
        _page_number(paragraph)


def reference_bytes() -> bytes:
    """The built-in reference as a file, for a bureau to edit in Word or WPS and name in the settings."""
    out = io.BytesIO()
    reference_document().save(out)
    return out.getvalue()


def open_template(path: str):
    """The bureau's reference document, or None (logged) when it is missing or not a Word file."""
    import docx

    try:
        return docx.Document(str(Path(path)))
    except (OSError, ValueError, KeyError, SyntaxError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        logger.error("briefing template %s unusable: %s", path, exc)
        return None


def _template():
    """The bureau's reference document if one is configured (and usable: the system check names a bad
    one), else the built-in one; its body emptied (the section properties, margins and footer, stay)."""
    from docx.oxml.ns import qn

    path = settings.BRIEFING_DOCX_TEMPLATE
    document = open_template(path) if path else None
    if document is None:
        return reference_document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _styled(document, name: str, fallback: str = "Normal"):
    """A style of the document, or the fallback when a bureau's template lacks it."""
    names = {s.name for s in document.styles}
    return document.styles[name if name in names else fallback]


def to_docx(b: Briefing, charts: Charts, *, author: str, created: datetime) -> bytes:
    """The briefing in the reference document's styles; the author and creation time in its properties."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document = _template()
    document.add_paragraph(b.title, style=_styled(document, "Title"))
    document.add_paragraph(b.dateline, style=_styled(document, "Subtitle"))
    for text in b.paragraphs:
        document.add_paragraph(text, style=_styled(document, "Normal"))
    for caption, png in charts:
        picture = document.add_paragraph(style=_styled(document, "Caption"))
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.add_run().add_picture(io.BytesIO(png), width=Cm(15))
        document.add_paragraph(caption, style=_styled(document, "Caption"))
    document.add_paragraph(_("数据来源"), style=_styled(document, "Heading 1"))
    for citation in b.citations:
        document.add_paragraph(source_line(citation), style=_styled(document, SOURCE_STYLE))
    props = document.core_properties
    props.title, props.author, props.last_modified_by = b.title, author, author
    props.created = props.modified = created
    props.revision, props.language = 1, "zh-CN"
    props.comments = props.subject = props.keywords = ""
    props.category = _("简报")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
