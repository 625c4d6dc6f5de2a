"""A composed briefing in each format: plain text, Markdown, Word (.docx, reports/word.py) and PDF (WeasyPrint
with the Noto CJK fonts), the charts embedded as PNG and the sources appendix at the end."""

from __future__ import annotations

import base64
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from zhaoshang.lib.briefing import Briefing, source_line, to_markdown, to_text
from zhaoshang.reports import word

FORMATS = {
    "txt": ("text/plain; charset=utf-8", "txt"),
    "md": ("text/markdown; charset=utf-8", "md"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
}
Charts = list[tuple[str, bytes]]


def html(b: Briefing, charts: Charts, *, author: str = "", created: datetime | None = None) -> str:
    """The briefing as a printable HTML page (the PDF is this page, rendered by WeasyPrint)."""
    images = [
        (caption, "data:image/png;base64," + base64.b64encode(png).decode("ascii")) for caption, png in charts
    ]
    return render_to_string(
        "reports/briefing_print.html",
        {
            "briefing": b,
            "charts": images,
            "sources": [source_line(c) for c in b.citations],
            "author": author,
            "created": created.isoformat(timespec="seconds") if created else "",
        },
    )


def to_pdf(b: Briefing, charts: Charts, *, author: str, created: datetime) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html(b, charts, author=author, created=created)).write_pdf()


def render(
    b: Briefing, charts: Charts, fmt: str, *, author: str = "", created: datetime | None = None
) -> bytes:
    """The briefing in `fmt` (txt, md, docx, pdf) as bytes; .docx and PDF carry the author (the bureau)
    and the creation time (now unless given) in their properties."""
    created = created or timezone.now()
    if fmt == "txt":
        return to_text(b).encode("utf-8")
    if fmt == "md":
        return to_markdown(b).encode("utf-8")
    if fmt == "docx":
        return word.to_docx(b, charts, author=author, created=created)
    if fmt == "pdf":
        return to_pdf(b, charts, author=author, created=created)
    raise ValueError(_("未知格式：“%(fmt)s”（可用：%(known)s）") % {"fmt": fmt, "known": "、".join(FORMATS)})
