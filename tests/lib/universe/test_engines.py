"""The engine seam without a JVM: one DuckDB-dialect text compiled per engine, values always bound."""

from __future__ import annotations

import socket
import time

import pytest

from zhaoshang.lib.universe import duck, engines
from zhaoshang.lib.universe.engines import EngineError, compile_sql, open_engine, spark_session
from zhaoshang.lib.universe.scoring import ScoreWeights, TargetRequest, build_query

REQUEST = TargetRequest(
    "500106", 29.54, 106.46, "nev", ("车载操作系统' OR 1=1 --",), "x'; DROP TABLE firms; --"
)


def test_the_ranking_is_compiled_for_spark_with_named_parameters_and_no_values():
    sql, params = build_query(REQUEST, ScoreWeights(), dialect=None)
    spark, names = compile_sql(sql, "spark")
    assert ":seg0" in spark and ":leader_group" in spark and "$" not in spark
    assert "DROP" not in spark and "OR 1=1" not in spark
    assert names <= params.keys() and {"seg0", "leader_group", "top", "lat"} <= names


def test_duckdb_runs_the_source_text_binding_only_the_parameters_it_uses(make_universe):
    u = make_universe([{}], [(0, "nev", "车载操作系统", 0.9)])
    with open_engine(u) as engine:
        result = engine.query(
            "SELECT COUNT(*) AS n FROM firms WHERE district_code = :d", {"d": "110105", "x": 1}
        )
    assert result.columns == ("n",) and result.rows == [(1,)]


def test_a_missing_parameter_is_named(make_universe):
    u = make_universe([{}], [(0, "nev", "车载操作系统", 0.9)])
    with open_engine(u) as engine, pytest.raises(ValueError, match="缺少参数：d"):
        engine.query("SELECT COUNT(*) FROM firms WHERE district_code = $d", {})


def test_a_universe_without_parts_is_refused_in_chinese(tmp_path):
    with pytest.raises(duck.UniverseNotFoundError, match="没有 firms 数据文件"):
        open_engine(tmp_path)


def test_an_unknown_engine_is_refused_in_chinese(make_universe):
    u = make_universe([{}], [(0, "nev", "车载操作系统", 0.9)])
    with pytest.raises(EngineError, match="未知的查询引擎：trino"):
        open_engine(u, "trino")


@pytest.mark.parametrize("url", ["http://127.0.0.1:15002", "sc://", "sc://host:99999", "127.0.0.1:15002"])
def test_a_malformed_connect_url_is_refused_in_chinese(url):
    with pytest.raises(EngineError, match="Spark Connect 地址格式不正确"):
        spark_session(remote=url)


def test_an_unreachable_connect_server_fails_fast_in_chinese():
    with socket.socket() as s:  # a port nothing listens on: bound, never listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(EngineError, match=f"无法连接 Spark Connect 服务 127.0.0.1:{port}"):
            spark_session(remote=f"sc://127.0.0.1:{port}")
    assert time.monotonic() - started < engines.CONNECT_TIMEOUT_S + 1
