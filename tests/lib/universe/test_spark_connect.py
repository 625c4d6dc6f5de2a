"""Spark Connect: a real Connect server started on 127.0.0.1 answers the same queries as DuckDB.

PySpark refuses a Connect client in a process that already runs a local session (the other Spark tests),
so the client side runs in a fresh interpreter and prints its rows as JSON (floats round-trip exactly).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.lib.universe.spark_support import assert_same_rows, require_spark
from zhaoshang.lib.universe.engines import open_engine
from zhaoshang.lib.universe.generate import generate_universe
from zhaoshang.lib.universe.relatedness import relatedness_query
from zhaoshang.lib.universe.scoring import ScoreWeights, TargetRequest, build_query

pytestmark = pytest.mark.spark
SERVER = "org.apache.spark.sql.connect.service.SparkConnectServer"
REQUEST = TargetRequest("500106", 29.541144, 106.456878, "nev", ("车载操作系统", "动力电池"), top=100)

CLIENT = """
import json, sys
from zhaoshang.lib.universe.engines import open_engine
queries = json.loads(sys.stdin.read())
with open_engine(sys.argv[1], "spark", spark_remote=sys.argv[2]) as engine:
    print(json.dumps([engine.query(sql, params).rows for sql, params in queries], ensure_ascii=False))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def connect_url(tmp_path_factory):
    require_spark()
    import pyspark

    port = free_port()
    log = tmp_path_factory.mktemp("connect") / "server.log"
    command = [
        str(Path(pyspark.__file__).parent / "bin" / "spark-submit"),
        *("--class", SERVER, "--master", "local[2]", "--name", "zhaoshang-test-connect"),
        *("--conf", "spark.connect.grpc.binding.address=127.0.0.1"),
        *("--conf", f"spark.connect.grpc.binding.port={port}"),
        *("--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=8"),
    ]
    with log.open("wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                pytest.fail(
                    f"the Spark Connect server exited ({server.returncode}):\n{log.read_text()[-3000:]}"
                )
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"the Spark Connect server did not listen within 120 s:\n{log.read_text()[-3000:]}"
                    )
                time.sleep(0.5)
        yield f"sc://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def through_connect(universe: Path, url: str, queries: list[tuple[str, dict]]) -> list[list[tuple]]:
    done = subprocess.run(
        [sys.executable, "-c", CLIENT, str(universe), url],
        input=json.dumps(queries, ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [[tuple(row) for row in rows] for rows in json.loads(done.stdout.strip().splitlines()[-1])]


def test_a_spark_connect_server_ranks_and_relates_exactly_as_duckdb(tmp_path, connect_url):
    universe = tmp_path / "u"
    generate_universe(20_000, universe, seed=7, chunk_rows=8_000)
    queries = [build_query(REQUEST, ScoreWeights.load(), dialect=None), relatedness_query("province")]
    remote = through_connect(universe, connect_url, queries)
    with open_engine(universe) as duck:
        for (sql, params), got in zip(queries, remote, strict=True):
            expected = duck.query(sql, params).rows
            assert len(expected) > 50
            # JSON has no tuple/float distinction to lose: integers stay int, doubles round-trip exactly.
            assert_same_rows(expected, got)
