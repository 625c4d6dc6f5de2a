"""Relatedness (Hidalgo–Hausmann): which of a region's gaps its existing industry makes feasible.

Over the universe's tagged firms, with x_rs the number of firms of segment s in region r:

- RCA_rs = (x_rs / x_r) / (x_s / x) and presence M_rs = [RCA_rs ≥ 1];
- proximity φ(s, s') = Σ_r M_rs·M_rs' / max(k_s, k_s'), with ubiquity k_s = Σ_r M_rs;
- density d_rs = Σ_s' M_rs'·φ(s, s') / Σ_s' φ(s, s').

A gap with high density sits next to what the region already does well: a feasible 补链 target.
All of it is one SQL query in DuckDB's dialect with bound parameters, run by DuckDB or compiled for Spark
(``engines``); the region level picks a column from a fixed list. Shares and proximities are quotients
taken in DOUBLE and counts stay integers, so both engines compute the same numbers; only the order in
which a density's sum adds its terms may differ (see docs/spark.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zhaoshang.lib.universe.engines import Engine, as_engine

REGION_COLUMNS = {"province": "province_code", "city": "city_code", "district": "district_code"}


@dataclass(frozen=True)
class RegionSegment:
    """One cell of the region × segment matrix: firm count, RCA, presence and density."""

    region: str
    chain: str
    segment: str
    firms: int
    rca: float
    present: bool
    density: float


def relatedness_query(
    level: str = "district", min_confidence: float = 0.5, region: str | None = None
) -> tuple[str, dict[str, Any]]:
    """The matrix query (every region with tagged firms × every segment), optionally for one region."""
    column = REGION_COLUMNS.get(level)
    if column is None:
        raise ValueError(f"区域层级应为 {'/'.join(REGION_COLUMNS)}")
    sql = f"""
WITH counts AS (
  SELECT {column} AS region, chain, segment, COUNT(*) AS x
  FROM firm_segments WHERE confidence >= $min_confidence GROUP BY {column}, chain, segment
), regions AS (SELECT region, SUM(x) AS xr FROM counts GROUP BY region
), segs AS (SELECT chain, segment, SUM(x) AS xs FROM counts GROUP BY chain, segment
), total AS (SELECT SUM(x) AS xt FROM counts
), grid AS (
  SELECT r.region, s.chain, s.segment, COALESCE(c.x, 0) AS x,
         (CAST(COALESCE(c.x, 0) AS DOUBLE) / r.xr) / (CAST(s.xs AS DOUBLE) / t.xt) AS rca
  FROM regions AS r CROSS JOIN segs AS s CROSS JOIN total AS t
  LEFT JOIN counts AS c ON c.region = r.region AND c.chain = s.chain AND c.segment = s.segment
), presence AS (
  SELECT region, chain, segment, x, rca, CASE WHEN rca >= 1 THEN 1 ELSE 0 END AS m FROM grid
), ubiquity AS (SELECT chain, segment, SUM(m) AS k FROM presence GROUP BY chain, segment
), cooccurrence AS (
  SELECT a.chain AS c1, a.segment AS s1, b.chain AS c2, b.segment AS s2, SUM(a.m * b.m) AS c
  FROM presence AS a JOIN presence AS b ON a.region = b.region
  GROUP BY a.chain, a.segment, b.chain, b.segment
), proximity AS (
  SELECT o.c1, o.s1, o.c2, o.s2,
         CASE WHEN GREATEST(u1.k, u2.k) > 0 THEN CAST(o.c AS DOUBLE) / GREATEST(u1.k, u2.k)
              ELSE CAST(0 AS DOUBLE) END AS phi
  FROM cooccurrence AS o
  JOIN ubiquity AS u1 ON u1.chain = o.c1 AND u1.segment = o.s1
  JOIN ubiquity AS u2 ON u2.chain = o.c2 AND u2.segment = o.s2
), density AS (
  SELECT p.region, q.c1 AS chain, q.s1 AS segment, SUM(p.m * q.phi) / NULLIF(SUM(q.phi), 0) AS density
  FROM proximity AS q JOIN presence AS p ON p.chain = q.c2 AND p.segment = q.s2
  GROUP BY p.region, q.c1, q.s1
)
SELECT p.region, p.chain, p.segment, p.x, p.rca, p.m, COALESCE(d.density, CAST(0 AS DOUBLE)) AS density
FROM presence AS p
LEFT JOIN density AS d ON d.region = p.region AND d.chain = p.chain AND d.segment = p.segment
{"WHERE p.region = $region" if region is not None else ""}
ORDER BY p.region, p.chain, p.segment
"""
    params: dict[str, Any] = {"min_confidence": min_confidence}
    return sql, params | ({"region": region} if region is not None else {})


def proximity_query(level: str = "district", min_confidence: float = 0.5) -> tuple[str, dict[str, Any]]:
    """φ(s, s') for every pair of segments, from the same matrix (for the chain map's links)."""
    sql, params = relatedness_query(level, min_confidence)
    head = sql[: sql.index("), density AS (")]
    return head + ")\nSELECT c1, s1, c2, s2, phi FROM proximity ORDER BY c1, s1, c2, s2\n", {
        "min_confidence": params["min_confidence"]
    }


def region_matrix(
    con: Engine | Any, level: str = "district", region: str | None = None, min_confidence: float = 0.5
) -> list[RegionSegment]:
    """The region × segment cells (one region's if given) from a universe connection."""
    sql, params = relatedness_query(level, min_confidence, region)
    return [
        RegionSegment(r, c, s, int(x), float(rca), bool(m), float(d))
        for r, c, s, x, rca, m, d in as_engine(con).query(sql, params).rows
    ]


def rank_gaps(
    con: Engine | Any, region: str, chain: str, level: str = "district", min_confidence: float = 0.5
) -> list[RegionSegment]:
    """A region's segments of a chain where it has no advantage (M = 0), most feasible (dense) first."""
    cells = [
        c for c in region_matrix(con, level, region, min_confidence) if c.chain == chain and not c.present
    ]
    return sorted(cells, key=lambda c: (-c.density, c.firms, c.segment))
