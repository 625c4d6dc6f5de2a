"""Loading GB/T 4754-2017 into the database."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from zhaoshang.industries.models import IndustryCode

GBT4754_CSV = Path(__file__).resolve().parent / "data" / "gbt4754-2017.csv"


@transaction.atomic
def load_industry_codes(path: Path = GBT4754_CSV) -> int:
    """Insert or update the whole four-level table (idempotent); returns the number of codes."""
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    section_of: dict[str, str] = {}
    for row in rows:  # parents precede children in the file
        section_of[row["code"]] = row["code"] if row["level"] == "section" else section_of[row["parent"]]
    existing = {c.code: c for c in IndustryCode.objects.all()}
    for row in rows:
        code = existing.get(row["code"]) or IndustryCode(code=row["code"])
        parent = existing.get(row["parent"]) if row["parent"] else None
        wanted = (row["name"], row["level"], section_of[row["code"]], parent.pk if parent else None)
        if code.pk is None or (code.name, code.level, code.section, code.parent_id) != wanted:
            code.name, code.level, code.section, code.parent = *wanted[:3], parent
            code.save()
        existing[code.code] = code
    return len(rows)
