"""Documents for tests that need one without going through extraction (e.g. the permission matrix)."""

from __future__ import annotations

from decimal import Decimal

from zhaoshang.intake.models import Document, DocumentFormat, Fact
from zhaoshang.intake.services import text_hash
from zhaoshang.regions.models import Region


def document_in(region: Region, *, title: str | None = None) -> Document:
    """A document about `region` with one pending fact, its text carrying `title` (created once)."""
    title = title or f"{region.name}文档"
    text = f"{title}\n{region.name}上半年引进重点产业项目5个。"
    document, created = Document.objects.get_or_create(
        text_hash=text_hash(text),
        defaults={
            "title": title,
            "format": DocumentFormat.PASTE,
            "text": text,
            "length": len(text),
            "region": region,
            "period": "2022H1",
        },
    )
    if created:
        start = text.index("5个")
        Fact.objects.create(
            document=document,
            key="f1",
            type="project_count",
            label="重点产业项目数",
            value=Decimal(5),
            unit_text="个",
            scope="重点",
            region_code=region.code,
            region_name=region.name,
            period="2022H1",
            span_start=start,
            span_end=start + 2,
            text="5个",
            sentence=text.split("\n")[1],
        )
    return document
