"""The synthetic universe: valid codes and regions, synthetic names, segments the classifier agrees with."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
from stdnum.cn import uscc

from zhaoshang.lib.classify import default_classifier
from zhaoshang.lib.universe.divisions import load_divisions
from zhaoshang.lib.universe.generate import generate_universe


def digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def universe(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "u"
    generate_universe(30_000, out, seed=11, chunk_rows=12_000)
    return out


def sql(universe: Path, query: str) -> list[tuple]:
    con = duckdb.connect()
    con.read_parquet(str(universe / "firms" / "*.parquet")).create_view("firms")
    con.read_parquet(str(universe / "firm_segments" / "*.parquet")).create_view("firm_segments")
    return con.execute(query).fetchall()


def test_the_same_seed_writes_the_same_files_and_another_seed_does_not(tmp_path):
    generate_universe(3_000, tmp_path / "a", seed=5, chunk_rows=1_000)
    generate_universe(3_000, tmp_path / "b", seed=5, chunk_rows=1_000)
    generate_universe(3_000, tmp_path / "c", seed=6, chunk_rows=1_000)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")
    assert len(list((tmp_path / "a" / "firms").glob("*.parquet"))) == 3


def test_it_writes_the_rows_asked_for_in_chunks(universe):
    assert sql(universe, "SELECT COUNT(*), COUNT(DISTINCT uscc), MIN(firm_id), MAX(firm_id) FROM firms") == [
        (30_000, 30_000, 0, 29_999)
    ]
    assert len(list((universe / "firms").glob("part-*.parquet"))) == 3


def test_every_uscc_is_valid_and_every_region_is_a_real_county(universe):
    rows = sql(
        universe, "SELECT uscc, district_code, city_code, province_code FROM firms USING SAMPLE 2000 ROWS"
    )
    divisions = load_divisions()
    assert all(uscc.is_valid(code) for code, *_ in rows)
    assert all(
        divisions[d].level == "county" and p == d[:2] + "0000" and c in divisions for _, d, c, p in rows
    )
    assert all(code[2:8] == d for code, d, *_ in rows)


def test_names_read_as_synthetic(universe):
    assert sql(universe, "SELECT COUNT(*) FROM firms WHERE name NOT LIKE '%（模拟）'") == [(0,)]


def test_figures_are_plausible(universe):
    [(median_cap, max_cap, listed, above, min_year)] = sql(
        universe,
        """
        SELECT MEDIAN(registered_capital), MAX(registered_capital), AVG(is_listed::INT), AVG(is_above_scale::INT),
               MIN(founded_year) FROM firms""",
    )
    assert 500_000 < median_cap < 10_000_000  # 50万–1000万元
    assert max_cap > 200 * median_cap  # a heavy tail
    assert 0 < listed < 0.01 and 0.02 < above < 0.3 and min_year >= 1980


def test_some_nev_firms_of_every_segment_and_some_in_chongqing(universe):
    segments = dict(
        sql(universe, "SELECT segment, COUNT(*) FROM firm_segments WHERE chain = 'nev' GROUP BY ALL")
    )
    assert len(segments) == 12 and min(segments.values()) >= 5
    assert sql(
        universe, "SELECT COUNT(*) > 0 FROM firm_segments WHERE chain = 'nev' AND province_code = '500000'"
    ) == [(True,)]
    share = sql(universe, "SELECT COUNT(DISTINCT firm_id) / 30000 FROM firm_segments")[0][0]
    assert 0.02 < share < 0.12


def test_the_segment_columns_are_what_the_classifier_says_of_each_scope(universe):
    rows = sql(
        universe,
        """
        SELECT f.scope, f.gbt_class, LIST(fs.segment ORDER BY fs.segment) FILTER (WHERE fs.segment IS NOT NULL)
        FROM (SELECT * FROM firms USING SAMPLE 1500 ROWS (reservoir, 3)) f
        LEFT JOIN firm_segments fs USING (firm_id) GROUP BY f.firm_id, f.scope, f.gbt_class""",
    )
    results = default_classifier().classify_many(
        [r[0] for r in rows], None, [r[1] for r in rows], evidence=False
    )
    assert [sorted(m.segment for m in ms) for ms in results] == [list(r[2] or []) for r in rows]
    assert sum(bool(r[2]) for r in rows) > 20
