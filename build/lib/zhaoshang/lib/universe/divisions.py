"""Administrative divisions (GB/T 2260) from the shipped reference file, as plain arrays: no database.

The targeting side needs a region's centroid and the set of valid codes without touching Django, so it
reads ``regions/data/divisions.csv`` (a package resource, see lib/resources.py) directly. A district without its own coordinates inherits its
parent's (the file leaves a few remote counties blank).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zhaoshang.lib.divisions import province_of
from zhaoshang.lib.resources import DIVISIONS_CSV  # regions/data/divisions.csv, a package resource


class UnknownRegionError(LookupError):
    """A region code that is not in the reference file; the message is Chinese for the user."""


@dataclass(frozen=True)
class Division:
    """One administrative division: code, name, level (province/city/county), parent and centroid."""

    code: str
    name: str
    level: str
    parent: str | None
    lat: float
    lon: float

    @property
    def province_code(self) -> str:
        return province_of(self.code)


@lru_cache(maxsize=4)
def load_divisions(path: Path = DIVISIONS_CSV) -> dict[str, Division]:
    """Every division by code, with missing centroids filled from the nearest ancestor that has one."""
    with path.open(encoding="utf-8") as f:
        rows = {r["code"]: r for r in csv.DictReader(f)}

    def coords(code: str | None) -> tuple[float, float]:
        while code:
            row = rows.get(code)
            if row is None:
                break
            if row["lat"] and row["lon"]:
                return float(row["lat"]), float(row["lon"])
            code = row["parent"] or None
        return 0.0, 0.0

    return {
        code: Division(code, r["name"], r["level"], r["parent"] or None, *coords(code))
        for code, r in rows.items()
    }


def region_centroid(code: str, path: Path = DIVISIONS_CSV) -> tuple[float, float]:
    """(lat, lon) of a region's centroid, the point candidates' distances are measured from."""
    division = load_divisions(path).get(str(code))
    if division is None:
        raise UnknownRegionError(f"未知的行政区划代码：{code}")
    return division.lat, division.lon


def city_code_of(division: Division, divisions: dict[str, Division]) -> str:
    """The prefecture-level code above a county; a municipality's districts answer the municipality."""
    parent = divisions.get(division.parent or "")
    if division.level == "county" and parent is not None:
        return parent.code
    return division.code
