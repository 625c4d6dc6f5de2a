"""Loading the shipped reference divisions into the database."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from zhaoshang.regions.models import Region

DIVISIONS_CSV = Path(__file__).resolve().parent / "data" / "divisions.csv"


@transaction.atomic
def load_divisions(path: Path = DIVISIONS_CSV) -> int:
    """Insert or update every division of the CSV (idempotent); returns the number of rows."""
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    existing = {r.code: r for r in Region.objects.all()}
    to_create: list[Region] = []
    to_update: list[Region] = []
    for row in rows:
        values = {
            "name": row["name"],
            "short_name": Region.short_name_of(row["name"]),
            "level": row["level"],
            "lat": Decimal(row["lat"]) if row["lat"] else None,
            "lon": Decimal(row["lon"]) if row["lon"] else None,
        }
        region = existing.get(row["code"])
        if region is None:
            to_create.append(Region(code=row["code"], **values))
        elif any(getattr(region, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(region, field, value)
            to_update.append(region)
    Region.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        Region.objects.bulk_update(to_update, ["name", "short_name", "level", "lat", "lon"], batch_size=1000)
    # Parents in a second pass: a child may come before its parent in the file.
    by_code = {r.code: r for r in Region.objects.all()}
    changed = []
    for row in rows:
        region = by_code[row["code"]]
        parent = by_code.get(row["parent"]) if row["parent"] else None
        if region.parent_id != (parent.pk if parent else None):
            region.parent = parent
            changed.append(region)
    Region.objects.bulk_update(changed, ["parent"], batch_size=1000)
    return len(rows)
