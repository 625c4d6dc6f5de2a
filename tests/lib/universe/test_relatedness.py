"""RCA, proximity and density: a small matrix checked by hand, and the Growth Lab's ecomplexity package."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest

from zhaoshang.lib.universe import duck
from zhaoshang.lib.universe.relatedness import proximity_query, rank_gaps, region_matrix

# Firms per region and segment (x_rs); the numbers in the comments were worked out by hand.
COUNTS = {"R1": {"a": 3, "b": 1}, "R2": {"a": 2, "b": 2}, "R3": {"b": 1, "c": 3}, "R4": {"a": 1, "c": 1}}


def universe_from_counts(make_universe, counts, name="u"):
    firms, segments = [], []
    for region, row in counts.items():
        for segment, n in row.items():
            for _ in range(n):
                segments.append((len(firms), "nev", segment, 0.9))
                firms.append({"district_code": region, "city_code": region, "province_code": region})
    return duck.open_universe(make_universe(firms, segments, name))


@pytest.fixture
def con(make_universe):
    return universe_from_counts(make_universe, COUNTS)


def cells(con):
    return {(c.region, c.segment): c for c in region_matrix(con)}


def test_rca_is_the_regions_share_over_the_national_share(con):
    m = cells(con)
    # x_R1 = 4, x_a = 6, x = 14: (3/4) / (6/14) = 1.75
    assert m["R1", "a"].rca == pytest.approx(1.75)
    assert m["R1", "b"].rca == pytest.approx(0.875)
    assert m["R3", "c"].rca == pytest.approx(2.625)
    assert m["R4", "a"].rca == pytest.approx(7 / 6)
    assert m["R2", "c"].firms == 0 and m["R2", "c"].rca == 0


def test_presence_is_rca_of_at_least_one(con):
    present = {k for k, c in cells(con).items() if c.present}
    assert present == {("R1", "a"), ("R2", "a"), ("R2", "b"), ("R3", "c"), ("R4", "a"), ("R4", "c")}


def test_proximity_is_co_presence_over_the_larger_ubiquity(con):
    sql, params = proximity_query()
    phi = {(s1, s2): p for _, s1, _, s2, p in con.execute(sql, params).fetchall()}
    # k_a = 3, k_b = 1, k_c = 2; a and b meet in R2, a and c in R4, b and c nowhere
    assert phi["a", "b"] == pytest.approx(1 / 3) and phi["b", "a"] == pytest.approx(1 / 3)
    assert phi["a", "c"] == pytest.approx(1 / 3)
    assert phi["b", "c"] == 0
    assert phi["a", "a"] == phi["b", "b"] == phi["c", "c"] == 1


def test_density_is_the_proximity_weighted_share_of_present_neighbours(con):
    m = cells(con)
    assert m["R1", "b"].density == pytest.approx(0.25)  # (1/3) / (1/3 + 1)
    assert m["R1", "a"].density == pytest.approx(0.6)  # 1 / (1 + 1/3 + 1/3)
    assert m["R3", "a"].density == pytest.approx(0.2)  # (1/3) / (5/3)
    assert m["R3", "b"].density == 0


def test_a_regions_gaps_are_ranked_by_density(con):
    assert [(c.segment, round(c.density, 4)) for c in rank_gaps(con, "R3", "nev")] == [("a", 0.2), ("b", 0.0)]


def test_the_numbers_agree_with_the_ecomplexity_package(make_universe):
    ecomplexity = pytest.importorskip(
        "ecomplexity", reason="ecomplexity (test-only dependency) is not installed"
    )
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(5)
    regions, segs = [f"R{i:02d}" for i in range(15)], list("abcdefgh")
    counts = {
        r: {s: int(n) for s, n in zip(segs, rng.poisson(rng.uniform(0.5, 4, len(segs))), strict=True) if n}
        for r in regions
    }
    counts = {r: row for r, row in counts.items() if row}
    con = universe_from_counts(make_universe, counts, "ec")
    ours = cells(con)
    data = pd.DataFrame(
        [
            {"year": 2024, "region": r, "segment": s, "firms": counts[r].get(s, 0)}
            for r, s in itertools.product(counts, segs)
        ]
    )
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its ECI/log-supermodularity notes are not what we compare
        theirs = ecomplexity.ecomplexity(
            data, {"time": "year", "loc": "region", "prod": "segment", "val": "firms"}
        )
    for row in theirs.itertuples():
        cell = ours[row.region, row.segment]
        assert cell.rca == pytest.approx(row.rca), (row.region, row.segment)
        assert cell.present == bool(row.mcp)
        assert cell.density == pytest.approx(row.density), (row.region, row.segment)
