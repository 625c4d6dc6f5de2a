"""Each score component on hand-made Parquet files, the query's bound parameters, and a second engine
(SQLite here; Spark, which executes the same text, in test_spark.py)."""

from __future__ import annotations

import json
import math
import sqlite3

import pyarrow.parquet as pq
import pytest

from zhaoshang.lib.universe import duck
from zhaoshang.lib.universe.scoring import ScoreWeights, TargetRequest, build_query, rank_candidates

SHAPINGBA = ("500106", 29.541144, 106.456878)
CQ = {"province_code": "500000", "city_code": "500000"}


def request(**kw) -> TargetRequest:
    base = dict(
        region_code=SHAPINGBA[0], lat=SHAPINGBA[1], lon=SHAPINGBA[2], chain="nev", segments=("车载操作系统",)
    )
    return TargetRequest(**(base | kw))


def ranked(universe, req, weights=None):
    return {
        c.firm_id: c for c in rank_candidates(duck.open_universe(universe), req, weights or ScoreWeights())
    }


def haversine(lat1, lon1, lat2, lon2):
    p1, p2, dphi, dlmb = map(math.radians, (lat1, lat2, lat2 - lat1, lon2 - lon1))
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def test_only_firms_of_the_gap_segments_are_candidates_and_fit_is_their_confidence(make_universe):
    u = make_universe(
        [{}, {}, {}],
        [(0, "nev", "车载操作系统", 0.9), (1, "nev", "动力电池", 0.99), (2, "biomed", "车载操作系统", 0.9)],
    )
    got = ranked(u, request())
    assert set(got) == {0}
    assert got[0].components["segment_fit"] == pytest.approx(0.9)


def test_the_best_confidence_among_several_gap_segments_counts(make_universe):
    u = make_universe([{}], [(0, "nev", "车载操作系统", 0.6), (0, "nev", "车载地图", 0.8)])
    assert ranked(u, request(segments=("车载操作系统", "车载地图")))[0].components[
        "segment_fit"
    ] == pytest.approx(0.8)


def test_scale_combines_capital_employees_listed_and_above_scale(make_universe):
    u = make_universe(
        [{"registered_capital": 50_000_000, "employees": 300, "is_listed": True, "is_above_scale": True}],
        [(0, "nev", "车载操作系统", 0.9)],
    )
    w = ScoreWeights()
    expected = (
        w.scale_capital * math.log(1 + 5000) / math.log(1 + w.capital_ref_wan)
        + w.scale_employees * math.log(1 + 300) / math.log(1 + w.employees_ref)
        + w.scale_listed
        + w.scale_above_scale
    )
    assert ranked(u, request())[0].components["scale"] == pytest.approx(expected)


def test_capital_beyond_the_reference_scores_no_more_than_the_reference(make_universe):
    u = make_universe([{"registered_capital": 10**14}], [(0, "nev", "车载操作系统", 0.9)])
    w = ScoreWeights()
    assert ranked(u, request())[0].components["scale"] == pytest.approx(
        w.scale_capital + w.scale_employees * math.log(11) / math.log(1 + w.employees_ref)
    )


def test_tie_to_the_leader_by_same_group_and_by_known_supplier(make_universe):
    u = make_universe(
        [{"group_name": "渝驰集团（模拟）"}, {}, {}],
        [(0, "nev", "车载操作系统", 0.9), (1, "nev", "车载操作系统", 0.9), (2, "nev", "车载操作系统", 0.9)],
    )
    got = ranked(u, request(leader_group="渝驰集团（模拟）", known_suppliers=("U00000000000000001",)))
    assert got[0].components["leader_tie"] == 1.0 and got[0].flags["same_group"]
    assert got[1].components["leader_tie"] == 1.0 and got[1].flags["known_supplier"]
    # the leader already buys this segment from firm 1: its peers share the supplier segment
    assert got[2].components["leader_tie"] == pytest.approx(0.5) and got[2].flags["supplier_segment"]
    assert ranked(u, request())[0].components["leader_tie"] == 0.0


def test_tie_to_the_leader_through_the_segments_its_suppliers_are_in(make_universe):
    u = make_universe(
        [{}, {}, {}],
        [
            (0, "nev", "车载操作系统", 0.9),
            (0, "nev", "电机", 0.9),
            (1, "nev", "车载操作系统", 0.9),
            (2, "nev", "电机", 0.95),
        ],
    )
    got = ranked(u, request(known_suppliers=("U00000000000000002",)))
    assert got[0].components["leader_tie"] == pytest.approx(0.5) and got[0].flags["supplier_segment"]
    assert got[1].components["leader_tie"] == 0.0
    assert 2 not in got  # a supplier, but not in the gap segment


def test_expansion_signals_add_up(make_universe):
    u = make_universe(
        [{"capital_increase_recent": True, "new_branch_recent": True, "branch_count": 5}, {}],
        [(0, "nev", "车载操作系统", 0.9), (1, "nev", "车载操作系统", 0.9)],
    )
    got = ranked(u, request())
    assert got[0].components["expansion"] == pytest.approx(0.5 + 0.3 + 0.2 * 5 / 20)
    assert got[1].components["expansion"] == 0.0


def test_distance_is_the_haversine_to_the_region_centroid_and_nearer_scores_higher(make_universe):
    u = make_universe(
        [{"lat": 31.2304, "lon": 121.4737}, {"lat": 29.70, "lon": 106.60}],
        [(0, "nev", "车载操作系统", 0.9), (1, "nev", "车载操作系统", 0.9)],
    )
    got = ranked(u, request())
    assert got[0].distance_km == pytest.approx(haversine(*SHAPINGBA[1:], 31.2304, 121.4737), rel=1e-9)
    assert 1400 < got[0].distance_km < 1500  # 沙坪坝 → 上海, about 1,450 km
    assert got[0].components["proximity"] == pytest.approx(math.exp(-got[0].distance_km / 800))
    assert got[1].rank < got[0].rank


def test_a_firm_already_in_the_region_is_penalised(make_universe):
    u = make_universe(
        [
            {**CQ, "district_code": "500106", "lat": 29.54, "lon": 106.45},
            {**CQ, "district_code": "500107", "lat": 29.54, "lon": 106.45},
        ],
        [(0, "nev", "车载操作系统", 0.9), (1, "nev", "车载操作系统", 0.9)],
    )
    got = ranked(u, request())
    assert got[0].components["present"] == 1 and got[1].components["present"] == 0
    assert got[1].score - got[0].score == pytest.approx(0.3)
    assert got[0].explain(ScoreWeights())["present"]["points"] == pytest.approx(-0.3)


def test_the_score_is_the_weighted_sum_of_the_components_shown(make_universe):
    u = make_universe(
        [{"registered_capital": 3_000_000, "employees": 40, "branch_count": 2, "lat": 30.0, "lon": 107.0}],
        [(0, "nev", "车载操作系统", 0.77)],
    )
    weights = ScoreWeights.load()
    [c] = rank_candidates(duck.open_universe(u), request(), weights)
    assert c.score == pytest.approx(sum(part["points"] for part in c.explain(weights).values()), abs=1e-3)


def test_weights_are_data_read_from_json(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(
        json.dumps(
            {"components": {"segment_fit": 1.0, "present_penalty": 0.0}, "proximity": {"scale_km": 100}}
        )
    )
    w = ScoreWeights.load(path)
    assert (w.segment_fit, w.present_penalty, w.proximity_scale_km, w.scale) == (1.0, 0.0, 100.0, 0.2)
    path.write_text(json.dumps({"components": {"scale": -1}}))
    with pytest.raises(ValueError, match="不能为负数"):
        ScoreWeights.load(path)


def test_user_values_are_bound_never_written_into_the_sql():
    hostile = "车载操作系统' OR 1=1 --"
    sql, params = build_query(
        request(segments=(hostile,), leader_group="x'; DROP TABLE firms; --", known_suppliers=("'; --",)),
        ScoreWeights(),
    )
    assert hostile not in sql and "DROP" not in sql and "'; --" not in sql
    assert params["seg0"] == hostile and params["sup0"] == "'; --"
    assert "$seg0" in sql and "$leader_group" in sql


def test_an_empty_supplier_list_matches_nothing(make_universe):
    u = make_universe([{}], [(0, "nev", "车载操作系统", 0.9)])
    assert ranked(u, request(known_suppliers=()))[0].components["leader_tie"] == 0.0


def test_top_limits_the_list_and_ties_break_on_uscc(make_universe):
    u = make_universe([{}] * 5, [(i, "nev", "车载操作系统", 0.9) for i in range(5)])
    got = rank_candidates(duck.open_universe(u), request(top=3), ScoreWeights())
    assert [c.uscc for c in got] == ["U00000000000000000", "U00000000000000001", "U00000000000000002"]


def load_sqlite(universe) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    for table in ("firms", "firm_segments"):
        data = pq.read_table(universe / table / "part-00000.parquet").to_pylist()
        cols = list(data[0])
        con.execute(f"CREATE TABLE {table} ({', '.join(cols)})")
        con.executemany(
            f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})", [tuple(r.values()) for r in data]
        )
    return con


def test_the_same_query_ranks_the_same_on_sqlite_as_on_duckdb(make_universe):
    firms = [
        {
            "registered_capital": 10 ** (5 + i % 5),
            "employees": 5 + 37 * i,
            "is_listed": i % 7 == 0,
            "is_above_scale": i % 3 == 0,
            "branch_count": i % 4,
            "capital_increase_recent": i % 5 == 0,
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
    req = request(
        segments=("车载操作系统", "车载地图"),
        leader_group="渝驰集团（模拟）",
        known_suppliers=("U00000000000000006",),
        top=25,
    )
    weights = ScoreWeights()
    on_duckdb = [(c.uscc, round(c.score, 9)) for c in rank_candidates(duck.open_universe(u), req, weights)]
    sql, params = build_query(req, weights, dialect="sqlite")
    on_sqlite = [(row[1], round(row[-1], 9)) for row in load_sqlite(u).execute(sql, params).fetchall()]
    assert len(on_duckdb) == 25
    assert on_sqlite == on_duckdb
