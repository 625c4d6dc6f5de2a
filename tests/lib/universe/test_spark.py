"""Spark (local[2]) runs the same ranking and relatedness SQL as DuckDB over the same Parquet files, and
gives the same ranking, the same integers and the same doubles to the last digits that can be justified
(spark_support.REL says why)."""

from __future__ import annotations

from dataclasses import astuple

import pytest

from tests.lib.universe.spark_support import assert_same_rows, spark_session  # noqa: F401 (fixture)
from zhaoshang.lib.universe import divisions
from zhaoshang.lib.universe.engines import open_engine
from zhaoshang.lib.universe.generate import generate_universe
from zhaoshang.lib.universe.relatedness import proximity_query, rank_gaps, relatedness_query
from zhaoshang.lib.universe.scoring import ScoreWeights, TargetRequest, build_query

pytestmark = pytest.mark.spark
CQ = {"province_code": "500000", "city_code": "500000"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("spark") / "u"
    generate_universe(20_000, out, seed=7, chunk_rows=8_000)
    return out


@pytest.fixture(scope="module")
def both(generated, spark_session):  # noqa: F811 (the fixture imported above)
    with open_engine(generated) as duck, open_engine(generated, "spark") as spark:
        yield duck, spark


def requests(duck) -> list[TargetRequest]:
    """Requests that exercise every component: leader group, known suppliers, several segments, all firms."""
    group = duck.query(
        "SELECT group_name FROM firms WHERE group_name IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1"
    ).rows[0][0]
    suppliers = tuple(
        r[0]
        for r in duck.query(
            "SELECT uscc FROM firm_segments WHERE chain = 'nev' AND segment = '电机' ORDER BY firm_id LIMIT 5"
        ).rows
    )
    lat, lon = divisions.region_centroid("500106")
    return [
        TargetRequest("500106", lat, lon, "nev", ("车载操作系统",), top=50),
        TargetRequest("500106", lat, lon, "nev", ("车载操作系统", "动力电池", "电机"), group, suppliers, 200),
        TargetRequest("440300", 22.54, 114.06, "nev", ("动力电池",), None, suppliers, 100_000),
    ]


def test_spark_ranks_a_generated_universe_exactly_as_duckdb(both):
    duck, spark = both
    for req in requests(duck):
        sql, params = build_query(req, ScoreWeights.load(), dialect=None)
        expected, got = duck.query(sql, params), spark.query(sql, params)
        assert len(expected.rows) > 10
        assert got.columns == expected.columns
        assert [r[1] for r in got.rows] == [r[1] for r in expected.rows]  # the same firms in the same order
        assert_same_rows(expected.rows, got.rows)


def test_spark_scores_every_component_of_a_hand_made_universe_as_duckdb(make_universe, spark_session):  # noqa: F811
    firms = [
        {
            "registered_capital": 10 ** (5 + i % 5) + 1234 * i,
            "employees": 5 + 37 * i,
            "is_listed": i % 7 == 0,
            "is_above_scale": i % 3 == 0,
            "branch_count": i % 4,
            "capital_increase_recent": i % 5 == 0,
            "new_branch_recent": i % 6 == 0,
            "group_name": "渝驰集团（模拟）" if i % 11 == 0 else None,
            "lat": 22 + i * 0.37,
            "lon": 100 + i * 0.61,
            **({**CQ, "district_code": "500106"} if i % 9 == 0 else {}),
        }
        for i in range(40)
    ]
    segments = [(i, "nev", "车载操作系统" if i % 2 else "车载地图", 0.5 + (i % 10) / 20) for i in range(40)]
    segments += [(i, "nev", "电机", 0.9) for i in range(0, 40, 6)]
    u = make_universe(firms, segments)
    req = TargetRequest(
        "500106",
        29.541144,
        106.456878,
        "nev",
        ("车载操作系统", "车载地图"),
        "渝驰集团（模拟）",
        ("U00000000000000006",),
        40,
    )
    sql, params = build_query(req, ScoreWeights(), dialect=None)
    with open_engine(u) as duck, open_engine(u, "spark") as spark:
        expected, got = duck.query(sql, params).rows, spark.query(sql, params).rows
    assert len(expected) == 40
    assert_same_rows(expected, got)


def test_spark_computes_the_same_relatedness_as_duckdb(both):
    duck, spark = both
    sql, params = relatedness_query("district")
    expected = duck.query(sql, params).rows
    assert len(expected) > 10_000 and any(r[5] for r in expected) and any(0 < r[6] < 1 for r in expected)
    assert_same_rows(expected, spark.query(sql, params).rows)
    sql, params = proximity_query("province")
    assert_same_rows(duck.query(sql, params).rows, spark.query(sql, params).rows)


def test_a_regions_gaps_rank_the_same_on_spark(both):
    duck, spark = both
    expected = [astuple(g) for g in rank_gaps(duck, "500106", "nev")]
    assert expected
    assert_same_rows(expected, [astuple(g) for g in rank_gaps(spark, "500106", "nev")])
