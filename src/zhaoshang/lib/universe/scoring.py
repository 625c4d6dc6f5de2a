"""Precision targeting (精准招商): rank the universe's firms for a region's chain gaps, with explanations.

For a region (its code and centroid), a chain and the gap segments to fill, every firm of those
segments gets five components in [0, 1] and a penalty, each shown to the user:

- segment fit: the classifier's confidence that the firm is in a gap segment;
- scale: registered capital and employees (log-scaled), listed, above-scale;
- tie to the local chain leader: same group, on the leader's known supplier list, or in a segment
  the leader already buys from (the segments of its known suppliers);
- expansion: a recent capital increase, a recent new branch, its number of branches;
- proximity: exp(−distance / scale) with the haversine distance to the region's centroid;
- present: the firm is already registered in the region (a penalty: it is not new investment).

The whole ranking is ONE query. It is written once as DuckDB-dialect SQL with named placeholders and
compiled by sqlglot for the engine at hand (``engines``: DuckDB, or Apache Spark when one machine is
outgrown; SQLite in a test). Every user value is a bound parameter: the text only varies in how many
placeholders a list needs.

The engines must agree to the last digit we can justify, so the text leaves no arithmetic to a dialect's
defaults: every quotient is taken in DOUBLE (Spark would otherwise compute ``bigint / 10000.0`` in
DECIMAL, rounded to six places), flags and counts stay integers, and ties are broken by credit code.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhaoshang.lib.resources import UNIVERSE_WEIGHTS
from zhaoshang.lib.universe.engines import Engine, as_engine, compile_sql, placeholders

WEIGHTS_JSON = UNIVERSE_WEIGHTS
EARTH_RADIUS_KM = 6371.0088
COMPONENTS = ("segment_fit", "scale", "leader_tie", "expansion", "proximity")


@dataclass(frozen=True)
class ScoreWeights:
    """How much each component counts, and the reference values that map raw figures to [0, 1]."""

    segment_fit: float = 0.35
    scale: float = 0.2
    leader_tie: float = 0.15
    expansion: float = 0.1
    proximity: float = 0.2
    present_penalty: float = 0.3
    scale_capital: float = 0.4
    scale_employees: float = 0.3
    scale_listed: float = 0.15
    scale_above_scale: float = 0.15
    capital_ref_wan: float = 100_000.0
    employees_ref: float = 10_000.0
    leader_same_group: float = 1.0
    leader_known_supplier: float = 1.0
    leader_supplier_segment: float = 0.5
    expansion_capital_increase: float = 0.5
    expansion_new_branch: float = 0.3
    expansion_branches: float = 0.2
    branches_ref: float = 20.0
    proximity_scale_km: float = 800.0

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> ScoreWeights:
        """Build from the JSON layout of weights.json (sections components/scale/leader/expansion/proximity)."""
        c, s, ld, e, p = (doc.get(k, {}) for k in ("components", "scale", "leader", "expansion", "proximity"))
        values = {
            **{k: c[k] for k in (*COMPONENTS, "present_penalty") if k in c},
            **{f"scale_{k}": s[k] for k in ("capital", "employees", "listed", "above_scale") if k in s},
            **{k: s[k] for k in ("capital_ref_wan", "employees_ref") if k in s},
            **{f"leader_{k}": ld[k] for k in ("same_group", "known_supplier", "supplier_segment") if k in ld},
            **{f"expansion_{k}": e[k] for k in ("capital_increase", "new_branch", "branches") if k in e},
            **({"branches_ref": e["branches_ref"]} if "branches_ref" in e else {}),
            **({"proximity_scale_km": p["scale_km"]} if "scale_km" in p else {}),
        }
        weights = cls(**{k: float(v) for k, v in values.items()})
        if any(v < 0 for v in weights.__dict__.values()):
            raise ValueError("评分权重不能为负数")
        if (
            min(
                weights.capital_ref_wan,
                weights.employees_ref,
                weights.branches_ref,
                weights.proximity_scale_km,
            )
            <= 0
        ):
            raise ValueError("评分参考值必须为正数")
        return weights

    @classmethod
    def load(cls, path: Path | None = None) -> ScoreWeights:
        """The weights the bureau edited (weights.json by default)."""
        return cls.from_dict(json.loads((path or WEIGHTS_JSON).read_text(encoding="utf-8")))


@dataclass(frozen=True)
class TargetRequest:
    """What the bureau asks: candidates for these gap segments of a chain, for this region."""

    region_code: str
    lat: float
    lon: float
    chain: str
    segments: tuple[str, ...]
    leader_group: str | None = None
    known_suppliers: tuple[str, ...] = ()
    top: int = 50


def build_query(
    request: TargetRequest, weights: ScoreWeights, dialect: str | None = "duckdb"
) -> tuple[str, dict[str, Any]]:
    """The ranking query for ``dialect`` (None: the DuckDB-dialect source) and its parameters.

    It reads the tables ``firms`` and ``firm_segments``.
    """
    if not request.segments:
        raise ValueError("至少选择一个缺失环节")
    if request.top < 1:
        raise ValueError("返回数量必须为正整数")
    params: dict[str, Any] = {f"w_{k}": v for k, v in weights.__dict__.items()}
    params |= {
        "chain": request.chain,
        "region": request.region_code,
        "lat": request.lat,
        "lon": request.lon,
        "leader_group": request.leader_group,
        "top": int(request.top),
    }
    segs = placeholders("seg", request.segments, params)
    sups = placeholders("sup", request.known_suppliers, params)
    sql = f"""
WITH supplier_segments AS (
  SELECT DISTINCT segment FROM firm_segments WHERE chain = :chain AND uscc IN ({sups})
), candidates AS (
  SELECT fs.firm_id,
         MAX(fs.uscc) AS uscc,
         MAX(fs.name) AS name,
         MAX(CASE WHEN fs.segment IN ({segs}) THEN fs.confidence ELSE 0 END) AS segment_fit,
         MAX(CASE WHEN fs.segment IN (SELECT segment FROM supplier_segments) THEN 1 ELSE 0 END) AS supplier_segment,
         MAX(CASE WHEN fs.uscc IN ({sups}) THEN 1 ELSE 0 END) AS known_supplier
  FROM firm_segments AS fs
  WHERE fs.chain = :chain
  GROUP BY fs.firm_id
  HAVING MAX(CASE WHEN fs.segment IN ({segs}) THEN 1 ELSE 0 END) = 1
), measured AS (
  SELECT c.firm_id, c.uscc, c.name, f.province_code, f.district_code, f.registered_capital, f.employees,
         c.segment_fit, c.known_supplier, c.supplier_segment,
         CASE WHEN f.group_name = :leader_group THEN 1 ELSE 0 END AS same_group,
         :w_scale_capital * LEAST(CAST(1 AS DOUBLE), LN(1 + CAST(f.registered_capital AS DOUBLE) / 10000) / LN(1 + :w_capital_ref_wan))
           + :w_scale_employees * LEAST(CAST(1 AS DOUBLE), LN(1 + f.employees) / LN(1 + :w_employees_ref))
           + :w_scale_listed * CASE WHEN f.is_listed THEN 1 ELSE 0 END
           + :w_scale_above_scale * CASE WHEN f.is_above_scale THEN 1 ELSE 0 END AS scale,
         :w_expansion_capital_increase * CASE WHEN f.capital_increase_recent THEN 1 ELSE 0 END
           + :w_expansion_new_branch * CASE WHEN f.new_branch_recent THEN 1 ELSE 0 END
           + :w_expansion_branches * LEAST(CAST(1 AS DOUBLE), f.branch_count / :w_branches_ref) AS expansion,
         2 * CAST({EARTH_RADIUS_KM} AS DOUBLE) * ASIN(SQRT(
             POWER(SIN(RADIANS(f.lat - :lat) / 2), 2)
             + COS(RADIANS(:lat)) * COS(RADIANS(f.lat)) * POWER(SIN(RADIANS(f.lon - :lon) / 2), 2))) AS distance_km,
         CASE WHEN f.district_code = :region OR f.city_code = :region OR f.province_code = :region
              THEN 1 ELSE 0 END AS present
  FROM candidates AS c
  JOIN firms AS f ON f.firm_id = c.firm_id
), components AS (
  SELECT m.*,
         GREATEST(:w_leader_same_group * m.same_group, :w_leader_known_supplier * m.known_supplier,
                  :w_leader_supplier_segment * m.supplier_segment) AS leader_tie,
         EXP(-m.distance_km / :w_proximity_scale_km) AS proximity
  FROM measured AS m
)
SELECT firm_id, uscc, name, province_code, district_code, registered_capital, employees,
       segment_fit, scale, leader_tie, same_group, known_supplier, supplier_segment, expansion,
       distance_km, proximity, present,
       :w_segment_fit * segment_fit + :w_scale * scale + :w_leader_tie * leader_tie + :w_expansion * expansion
         + :w_proximity * proximity - :w_present_penalty * present AS score
FROM components
ORDER BY score DESC, uscc
LIMIT :top
"""
    return (compile_sql(sql, dialect)[0] if dialect else sql), params


@dataclass(frozen=True)
class Candidate:
    """One ranked firm with every component of its score, for the targeting list and its export."""

    rank: int
    firm_id: int
    uscc: str
    name: str
    province_code: str
    district_code: str
    registered_capital: int
    employees: int
    score: float
    components: dict[str, float]
    flags: dict[str, bool]
    distance_km: float

    def explain(self, weights: ScoreWeights) -> dict[str, dict[str, float]]:
        """Each component's value, its weight and the points it adds (negative for the penalty)."""
        out = {
            k: {
                "value": round(self.components[k], 4),
                "weight": getattr(weights, k),
                "points": round(getattr(weights, k) * self.components[k], 4),
            }
            for k in COMPONENTS
        }
        present = self.components["present"]
        out["present"] = {
            "value": present,
            "weight": weights.present_penalty,
            "points": round(-weights.present_penalty * present, 4),
        }
        return out


def to_candidates(rows: Sequence[Sequence[Any]]) -> list[Candidate]:
    """Rows of the ranking query (in its column order) as Candidates."""
    out = []
    for rank, r in enumerate(rows, start=1):
        (
            firm_id,
            uscc,
            name,
            province,
            district,
            capital,
            employees,
            fit,
            scale,
            leader,
            same_group,
            known,
            supplier_seg,
            expansion,
            distance,
            proximity,
            present,
            score,
        ) = r
        out.append(
            Candidate(
                rank=rank,
                firm_id=int(firm_id),
                uscc=uscc,
                name=name,
                province_code=province,
                district_code=district,
                registered_capital=int(capital),
                employees=int(employees),
                score=float(score),
                components={
                    "segment_fit": float(fit),
                    "scale": float(scale),
                    "leader_tie": float(leader),
                    "expansion": float(expansion),
                    "proximity": float(proximity),
                    "present": int(present),
                },
                flags={
                    "same_group": bool(same_group),
                    "known_supplier": bool(known),
                    "supplier_segment": bool(supplier_seg),
                },
                distance_km=float(distance),
            )
        )
    return out


def rank_candidates(
    con: Engine | Any, request: TargetRequest, weights: ScoreWeights | None = None
) -> list[Candidate]:
    """Run the ranking on an engine (or a DuckDB connection) whose ``firms``/``firm_segments`` are the universe."""
    sql, params = build_query(request, weights or ScoreWeights.load(), dialect=None)
    return to_candidates(as_engine(con).query(sql, params).rows)
