"""Synthetic national enterprise universe, written as Parquet part files in streamed chunks.

Each chunk is built column by column with numpy/pyarrow (no Python loop per row), so 10M firms fit in
minutes and a bounded amount of memory. The result is a directory::

    firms/part-00000.parquet …          one row per firm
    firm_segments/part-00000.parquet …  one row per (firm, chain segment), classified once per distinct scope
    manifest.json                       rows, seed, chain versions

Everything derives from the seed, chunk by chunk, so the same seed writes the same files.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from zhaoshang.lib import chaindefs
from zhaoshang.lib.classify import ScopeClassifier
from zhaoshang.lib.universe import divisions as div
from zhaoshang.lib.universe.templates import TemplatePool, build_pool, load_phrases
from zhaoshang.lib.universe.uscc import make_uscc

CHUNK_ROWS = 1_000_000
ROW_GROUP = 131_072
# Provinces where a chain's firms cluster (hubs), so that presence and relatedness have a shape.
HUBS = {
    "nev": ["500000", "440000", "320000", "330000", "310000", "340000", "510000", "420000"],
    "biomed": ["320000", "310000", "110000", "440000", "330000", "510000", "500000"],
    "port": ["500000", "440000", "310000", "330000", "370000", "210000", "450000", "510000"],
}


@dataclass(frozen=True)
class GenerationSummary:
    """What was written: row counts and where, for the command's closing report."""

    rows: int
    segment_rows: int
    parts: int
    templates: int
    out: Path


def _short_place(name: str) -> str:
    """The place word a firm name starts with: 沙坪坝区 → 沙坪坝, 石柱土家族自治县 → 石柱."""
    if "自治" in name:
        return name[:2]
    return name[:-1] if len(name) > 2 and name[-1] in "区县市旗" else name


class Geography:
    """County-level places a firm can be registered in, with sampling weights and coordinates."""

    def __init__(self, divisions: dict[str, div.Division]) -> None:
        counties = [d for d in divisions.values() if d.level == "county" and d.lat]
        self.code = np.array([d.code for d in counties])
        self.city = np.array([div.city_code_of(d, divisions) for d in counties])
        self.province = np.array([d.province_code for d in counties])
        self.name = [_short_place(d.name) for d in counties]
        self.lat = np.array([d.lat for d in counties])
        self.lon = np.array([d.lon for d in counties])
        # Urban districts host more firms than rural counties.
        self.base = np.where(np.char.endswith(np.array([d.name for d in counties]), "区"), 3.0, 1.0)

    def weights(self, hub_provinces: list[str]) -> np.ndarray:
        w = self.base * np.where(np.isin(self.province, hub_provinces), 8.0, 1.0)
        return w / w.sum()


def _hub_choice(seed: int, pool: TemplatePool) -> dict[int, list[str]]:
    """Hub provinces per chain segment: Chongqing always among the NEV hubs, the rest drawn by seed."""
    rng = np.random.default_rng([seed, 3])
    hubs: dict[int, list[str]] = {}
    for i, (chain, _) in enumerate(pool.segment_labels):
        candidates = HUBS.get(chain, [])
        picked = [
            candidates[j] for j in rng.choice(len(candidates), size=min(3, len(candidates)), replace=False)
        ]
        hubs[i] = sorted({"500000", *picked}) if chain == "nev" else picked
    return hubs


def _firm_columns(
    rng: np.random.Generator,
    n: int,
    start: int,
    seed: int,
    pool: TemplatePool,
    geo: Geography,
    place_weights: dict[int, np.ndarray],
    phrases: dict,
) -> pa.Table:
    template = rng.choice(len(pool.scopes), size=n, p=pool.weight)
    seg = pool.chain_seg[template]
    place = np.empty(n, dtype=np.int64)
    for s in np.unique(seg):
        rows = np.flatnonzero(seg == s)
        place[rows] = rng.choice(len(geo.code), size=len(rows), p=place_weights[int(s)])
    chain_firm = seg >= 0
    # Registered capital in 万元: lognormal, heavy-tailed; chain makers run bigger.
    capital_wan = np.exp(rng.normal(5.3, 1.6, n) + 1.0 * chain_firm).clip(1, 5_000_000)
    employees = np.maximum(1, np.round(np.exp(0.55 * np.log(capital_wan) + rng.normal(0.3, 0.8, n)))).astype(
        np.int32
    )
    founded = (2025 - np.floor(rng.exponential(9.0, n))).clip(1980, 2025).astype(np.int16)
    above = ((employees >= 80) & (rng.random(n) < 0.8)) | ((capital_wan >= 5000) & (rng.random(n) < 0.6))
    listed = rng.random(n) < np.clip((np.log(capital_wan) - 9.0) / 6.0, 0, 0.6)
    branches = np.minimum(rng.poisson(0.2 + employees / 200.0), 500).astype(np.int16)
    grouped = rng.random(n) < np.where(capital_wan > 10000, 0.5, 0.02)
    n_groups = max(50, (start + n) // 2000)
    group_id = np.minimum(rng.zipf(1.6, n), n_groups)
    brands = [a + b for a in phrases["brand_first"] for b in phrases["brand_second"]]
    brand = rng.integers(len(brands), size=n)
    org = rng.integers(len(phrases["org_suffix"]), size=n)
    mark = phrases["synthetic_mark"]
    names = pc.binary_join_element_wise(
        pa.array(geo.name).take(pa.array(place)),
        pa.array(brands).take(pa.array(brand)),
        pa.array(pool.word).take(pa.array(template)),
        pa.array(phrases["org_suffix"]).take(pa.array(org)),
        mark,
        "",
    )
    group_names = pc.if_else(
        pa.array(grouped),
        pc.binary_join_element_wise(
            pa.array(brands).take(pa.array(group_id % len(brands))), "集团", mark, ""
        ),
        pa.scalar(None, pa.string()),
    )
    lat = geo.lat[place] + rng.normal(0, 0.06, n)
    lon = geo.lon[place] + rng.normal(0, 0.06, n)
    return pa.table(
        {
            "firm_id": pa.array(np.arange(start, start + n, dtype=np.int64)),
            "uscc": make_uscc(np.arange(start, start + n, dtype=np.int64), geo.code[place], seed),
            "name": names,
            "province_code": pa.array(geo.province[place]).dictionary_encode(),
            "city_code": pa.array(geo.city[place]).dictionary_encode(),
            "district_code": pa.array(geo.code[place]).dictionary_encode(),
            "lat": pa.array(lat.round(6)),
            "lon": pa.array(lon.round(6)),
            # Plain strings (Parquet dictionary-encodes them itself): writing an Arrow dictionary array with
            # the whole template pool as its dictionary did not give byte-identical files run to run.
            "gbt_class": pa.array(pool.gbt).take(pa.array(template)),
            "registered_capital": pa.array((np.round(capital_wan, 1) * 10000).astype(np.int64)),
            "founded_year": pa.array(founded),
            "employees": pa.array(employees),
            "is_above_scale": pa.array(above),
            "is_listed": pa.array(listed),
            "scope": pa.array(pool.scopes).take(pa.array(template)),
            "branch_count": pa.array(branches),
            "capital_increase_recent": pa.array(rng.random(n) < 0.04 + 0.06 * chain_firm),
            "new_branch_recent": pa.array(rng.random(n) < 0.03 + 0.10 * (branches > 0)),
            "group_name": group_names.dictionary_encode(),
            "template": pa.array(template.astype(np.int32)),
        }
    )


def _segment_rows(firms: pa.Table, pool: TemplatePool) -> pa.Table:
    """Explode each firm into its template's segment matches: (firm, chain, segment, confidence, evidence)."""
    template = firms.column("template").to_numpy()
    order = np.argsort(pool.match_template, kind="stable")
    per_template = np.bincount(pool.match_template, minlength=len(pool.scopes))
    first = np.cumsum(per_template) - per_template
    counts = per_template[template]
    row = np.repeat(np.arange(len(template)), counts)
    match = order[np.repeat(first[template] - (np.cumsum(counts) - counts), counts) + np.arange(len(row))]
    chains = pa.array([c for c, _ in pool.segment_labels])
    segments = pa.array([s for _, s in pool.segment_labels])
    seg = pa.array(pool.match_segment[match])
    taken = firms.select(["firm_id", "uscc", "name", "province_code", "city_code", "district_code"]).take(
        pa.array(row)
    )
    return (
        taken.append_column("chain", pc.take(chains, seg).dictionary_encode())
        .append_column("segment", pc.take(segments, seg).dictionary_encode())
        .append_column("confidence", pa.array(pool.match_confidence[match].round(4)))
        .append_column(
            "evidence", pc.take(pa.array(pool.match_evidence), pa.array(match)).dictionary_encode()
        )
    )


def generate_universe(
    rows: int,
    out: Path,
    seed: int,
    chunk_rows: int = CHUNK_ROWS,
    progress: Callable[[int], None] | None = None,
    classifier: ScopeClassifier | None = None,
) -> GenerationSummary:
    """Write a synthetic universe of ``rows`` firms to ``out`` (replaced), one part file per chunk."""
    if out.exists() and any(out.iterdir()) and not (out / "manifest.json").exists():
        raise FileExistsError(f"输出目录 {out} 已存在且不是企业库，拒绝覆盖")
    chains = chaindefs.load_chains()
    classifier = classifier or ScopeClassifier(chains)
    pool = build_pool(seed, classifier, chains)
    phrases = load_phrases()
    geo = Geography(div.load_divisions())
    hubs = _hub_choice(seed, pool)
    place_weights = {-1: geo.weights([])} | {s: geo.weights(h) for s, h in hubs.items()}
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "firms").mkdir(parents=True)
    (tmp / "firm_segments").mkdir()
    segment_rows, parts = 0, 0
    for part, start in enumerate(range(0, rows, chunk_rows)):
        n = min(chunk_rows, rows - start)
        firms = _firm_columns(
            np.random.default_rng([seed, 2, part]), n, start, seed, pool, geo, place_weights, phrases
        )
        tagged = _segment_rows(firms, pool)
        pq.write_table(
            firms.drop(["template"]),
            tmp / "firms" / f"part-{part:05d}.parquet",
            row_group_size=ROW_GROUP,
            compression="zstd",
        )
        pq.write_table(
            tagged,
            tmp / "firm_segments" / f"part-{part:05d}.parquet",
            row_group_size=ROW_GROUP,
            compression="zstd",
        )
        segment_rows += tagged.num_rows
        parts += 1
        if progress:
            progress(n)
    manifest = {
        "rows": rows,
        "segment_rows": segment_rows,
        "seed": seed,
        "parts": parts,
        "templates": len(pool.scopes),
        "chains": {c.key: c.version for c in chains},
        "synthetic": True,
        "note": "模拟数据：企业名称、信用代码均为合成，不对应真实企业",
    }
    (tmp / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return GenerationSummary(rows, segment_rows, parts, len(pool.scopes), out)
