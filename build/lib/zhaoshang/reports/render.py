"""A composed briefing in each format: plain text, Markdown, Word (.docx, python-docx) and PDF (WeasyPrint
with the Noto CJK fonts), the charts embedded as PNG and the sources appendix at the end."""

from __future__ import annotations

import base64
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from zhaoshang.lib.briefing import Briefing, source_line, to_markdown, to_text

FORMATS = {
    "txt": ("text/plain; charset=utf-8", "txt"),
    "md": ("text/markdown; charset=utf-8", "md"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
}
SERIF = "Noto Serif CJK SC"
Charts = list[tuple[str, bytes]]


def _font(run_or_style, name: str) -> None:
    """Word takes the font of Chinese characters from w:eastAsia, not from the font name."""
    from docx.oxml.ns import qn

    run_or_style.font.name = name
    r_pr = run_or_style.element.get_or_add_rPr()
    r_pr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def to_docx(b: Briefing, charts: Charts) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    for name in ("Normal", "Heading 2"):
        _font(document.styles[name], SERIF)
    document.styles["Normal"].font.size = Pt(12)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(b.title)
    run.bold, run.font.size = True, Pt(18)
    dateline = document.add_paragraph(b.dateline)
    dateline.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in b.paragraphs:
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = Pt(24)
    for caption, png in charts:
        document.add_picture(io.BytesIO(png), width=Cm(15))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        document.add_paragraph(caption).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading(_("数据来源"), level=2)
    for citation in b.citations:
        line = document.add_paragraph()
        line.add_run(source_line(citation)).font.size = Pt(9)
    document.core_properties.title = b.title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def html(b: Briefing, charts: Charts) -> str:
    """The briefing as a printable HTML page (the PDF is this page, rendered by WeasyPrint)."""
    images = [
        (caption, "data:image/png;base64," + base64.b64encode(png).decode("ascii")) for caption, png in charts
    ]
    return render_to_string(
        "reports/briefing_print.html",
        {"briefing": b, "charts": images, "sources": [source_line(c) for c in b.citations]},
    )


def to_pdf(b: Briefing, charts: Charts) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html(b, charts)).write_pdf()


def render(b: Briefing, charts: Charts, fmt: str) -> bytes:
    """The briefing in `fmt` (txt, md, docx, pdf) as bytes."""
    if fmt == "txt":
        return to_text(b).encode("utf-8")
    if fmt == "md":
        return to_markdown(b).encode("utf-8")
    if fmt == "docx":
        return to_docx(b, charts)
    if fmt == "pdf":
        return to_pdf(b, charts)
    raise ValueError(_("未知格式：“%(fmt)s”（可用：%(known)s）") % {"fmt": fmt, "known": "、".join(FORMATS)})
