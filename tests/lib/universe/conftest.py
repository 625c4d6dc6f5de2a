"""Tiny hand-made universes written as Parquet in the test's own tmp_path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

FIRM_DEFAULTS: dict[str, Any] = {
    "name": "测试企业（模拟）",
    "province_code": "110000",
    "city_code": "110000",
    "district_code": "110105",
    "lat": 39.9,
    "lon": 116.4,
    "gbt_class": "6511",
    "registered_capital": 1_000_000,
    "founded_year": 2015,
    "employees": 10,
    "is_above_scale": False,
    "is_listed": False,
    "scope": "软件开发。",
    "branch_count": 0,
    "capital_increase_recent": False,
    "new_branch_recent": False,
    "group_name": None,
}
FIRM_TYPES = {
    "firm_id": pa.int64(),
    "uscc": pa.string(),
    "name": pa.string(),
    "province_code": pa.string(),
    "city_code": pa.string(),
    "district_code": pa.string(),
    "lat": pa.float64(),
    "lon": pa.float64(),
    "gbt_class": pa.string(),
    "registered_capital": pa.int64(),
    "founded_year": pa.int16(),
    "employees": pa.int32(),
    "is_above_scale": pa.bool_(),
    "is_listed": pa.bool_(),
    "scope": pa.string(),
    "branch_count": pa.int16(),
    "capital_increase_recent": pa.bool_(),
    "new_branch_recent": pa.bool_(),
    "group_name": pa.string(),
}


def write_universe(
    root: Path, firms: list[dict[str, Any]], segments: list[tuple[int, str, str, float]]
) -> Path:
    """Write firms (defaults filled in) and (firm_id, chain, segment, confidence) rows as a universe."""
    rows = [{**FIRM_DEFAULTS, "firm_id": i, "uscc": f"U{i:017d}", **f} for i, f in enumerate(firms)]
    table = pa.table({k: pa.array([r[k] for r in rows], t) for k, t in FIRM_TYPES.items()})
    by_id = {r["firm_id"]: r for r in rows}
    seg_rows = [
        {
            "firm_id": fid,
            "uscc": by_id[fid]["uscc"],
            "name": by_id[fid]["name"],
            "province_code": by_id[fid]["province_code"],
            "city_code": by_id[fid]["city_code"],
            "district_code": by_id[fid]["district_code"],
            "chain": chain,
            "segment": seg,
            "confidence": conf,
            "evidence": seg,
        }
        for fid, chain, seg, conf in segments
    ]
    seg_types = {
        **{
            k: FIRM_TYPES[k]
            for k in ("firm_id", "uscc", "name", "province_code", "city_code", "district_code")
        },
        "chain": pa.string(),
        "segment": pa.string(),
        "confidence": pa.float64(),
        "evidence": pa.string(),
    }
    seg_table = pa.table({k: pa.array([r[k] for r in seg_rows], t) for k, t in seg_types.items()})
    (root / "firms").mkdir(parents=True)
    (root / "firm_segments").mkdir()
    pq.write_table(table, root / "firms" / "part-00000.parquet")
    pq.write_table(seg_table, root / "firm_segments" / "part-00000.parquet")
    (root / "manifest.json").write_text("{}", encoding="utf-8")
    return root


@pytest.fixture
def make_universe(tmp_path):
    def make(
        firms: list[dict[str, Any]], segments: list[tuple[int, str, str, float]], name: str = "u"
    ) -> Path:
        return write_universe(tmp_path / name, firms, segments)

    return make
