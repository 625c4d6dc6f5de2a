"""Build the package's reference data from ../shared/data (run once when the sources change).

Divisions: provinces, cities and county-level units are merged into one table with parent codes and
centroids.  Province-level municipalities (北京/天津/上海/重庆) have no real city level: their pseudo
cities (市辖区, 县) are dropped and their districts hang directly under the municipality.  Stale rows
named in SOURCES.md are fixed here, so that the fix is reproducible and reviewable.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

MUNICIPALITIES = {"11", "12", "31", "50"}
# adcode -> (new code, new name): counties that became districts after the centroid file was made.
RENAMED = {"500228": ("500155", "梁平区"), "500232": ("500156", "武隆区")}
# Pseudo-city rows whose coordinate is a placeholder copied from one of their counties.
PLACEHOLDER_CENTROIDS = {"500200"}


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def main(shared: Path, out: Path) -> None:
    divisions = shared / "divisions"
    centroids: dict[str, tuple[str, str]] = {}
    for row in read_csv(divisions / "centroids-adcodes.csv"):
        code = row["adcode"][:6]
        code = RENAMED.get(code, (code, ""))[0]
        if code in PLACEHOLDER_CENTROIDS:
            continue
        centroids[code] = (row["latitude"], row["longitude"])

    rows: list[dict[str, str]] = []

    def add(code: str, name: str, level: str, parent: str, fallback: str = "") -> None:
        lat, lon = centroids.get(code, ("", ""))
        source = "adcode"
        if not lat and fallback in centroids:
            lat, lon = centroids[fallback]
            source = "parent"
        rows.append(
            {
                "code": code,
                "name": name,
                "level": level,
                "parent": parent,
                "lat": lat,
                "lon": lon,
                "centroid_source": source if lat else "",
            }
        )

    for row in read_csv(divisions / "provinces.csv"):
        add(row["code"] + "0000", row["name"], "province", "")
    for row in read_csv(divisions / "cities.csv"):
        if row["provinceCode"] in MUNICIPALITIES:
            continue
        add(
            row["code"] + "00",
            row["name"],
            "city",
            row["provinceCode"] + "0000",
            fallback=row["provinceCode"] + "0000",
        )
    city_codes = {r["code"] for r in rows}
    for row in read_csv(divisions / "areas.csv"):
        if row["code"] in city_codes:
            continue  # 东莞, 中山, 儋州: cities without districts, listed again as their own county unit
        province = row["provinceCode"] + "0000"
        parent = province if row["provinceCode"] in MUNICIPALITIES else row["cityCode"] + "00"
        add(row["code"], row["name"], "county", parent, fallback=parent)

    out.mkdir(parents=True, exist_ok=True)
    with open(out / "divisions.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    for licence in divisions.glob("LICENSE*"):
        shutil.copy(licence, out / licence.name)
    print(
        f"divisions: {len(rows)} rows, "
        f"{sum(r['centroid_source'] == 'parent' for r in rows)} with the parent's centroid"
    )


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "data"
    main(shared, root / "src" / "zhaoshang" / "regions" / "data")
    shutil.copy(
        shared / "industries" / "gbt4754-2017.csv",
        root / "src" / "zhaoshang" / "industries" / "data" / "gbt4754-2017.csv",
    )
