"""Query engines for the universe: DuckDB on one machine, Apache Spark beyond it, behind one interface.

Every query of the universe is written once, in DuckDB's dialect, with bound parameters (``$name`` or
``:name``). An engine compiles that text for itself with sqlglot (DuckDB: the text as DuckDB takes it;
Spark: Spark SQL) and binds the values the way its client takes them — DuckDB's ``$name`` parameters,
Spark's named ``args=`` of ``spark.sql`` — so no value is ever formatted into SQL text, on any engine.

Spark runs in local mode (``local[2]``: a JVM in this process's machine) or on a cluster through Spark
Connect (``sc://host:port``); PySpark is the optional extra ``zhaoshang[spark]`` and is imported only here,
only when a Spark engine is asked for.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import socket
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

import duckdb
import sqlglot
from sqlglot import exp

from zhaoshang.lib.universe import duck

ENGINES = ("duckdb", "spark")
TABLES = (duck.FIRMS, duck.SEGMENTS)
DEFAULT_MASTER = "local[2]"
CONNECT_TIMEOUT_S = 3.0


class EngineError(RuntimeError):
    """An engine that cannot be opened as configured; the message is Chinese, for the user."""


@dataclass(frozen=True)
class Result:
    """What a query returns on every engine: column names and plain Python tuples."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


class Engine(Protocol):
    """One interface for DuckDB and Spark: Parquet views by name, DuckDB-dialect SQL with bound parameters."""

    name: str

    def register_parquet(self, view: str, location: str) -> None: ...

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> Result: ...

    def close(self) -> None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None: ...


@functools.lru_cache(maxsize=256)
def compile_sql(sql: str, dialect: str) -> tuple[str, frozenset[str]]:
    """DuckDB-dialect ``sql`` written for ``dialect``, and the names of the parameters it binds."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    names = frozenset(p.name for p in tree.find_all(exp.Placeholder) if p.name)
    return tree.sql(dialect=dialect), names


def bind(names: frozenset[str], params: Mapping[str, Any] | None) -> dict[str, Any]:
    """The parameters a compiled query uses (engines refuse unused ones), every one of them given."""
    params = params or {}
    missing = sorted(names - params.keys())
    if missing:
        raise ValueError(f"查询缺少参数：{', '.join(missing)}")
    return {k: params[k] for k in names}


class DuckDBEngine:
    """DuckDB in this process: the engine for one machine (and the reference the Spark engine must equal)."""

    name = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection | None = None, threads: int | None = None) -> None:
        self.con = con if con is not None else duck.connect(threads)

    def register_parquet(self, view: str, location: str) -> None:
        # The relation API takes the path as a value: no path is spliced into SQL text.
        self.con.read_parquet(location).create_view(view, replace=True)

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> Result:
        text, names = compile_sql(sql, "duckdb")
        cursor = self.con.execute(text, bind(names, params))
        columns = tuple(d[0] for d in cursor.description or ())
        return Result(columns, [tuple(r) for r in cursor.fetchall()])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> DuckDBEngine:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class SparkEngine:
    """A Spark session (local mode or Spark Connect); the same SQL, compiled to Spark SQL by sqlglot."""

    name = "spark"

    def __init__(self, session: Any) -> None:
        # Temporary views belong to a session: a local engine gets its own session over the shared JVM, so
        # two universes never see each other's views. A Spark Connect session has no sub-sessions; it
        # serves one universe (the settings'), whose views each engine re-registers identically.
        connect = type(session).__module__.startswith("pyspark.sql.connect")
        self.session = session if connect else session.newSession()

    def register_parquet(self, view: str, location: str) -> None:
        self.session.read.parquet(location).createOrReplaceTempView(view)

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> Result:
        text, names = compile_sql(sql, "spark")
        frame = self.session.sql(text, args=bind(names, params))
        rows = frame.collect()
        return Result(tuple(frame.columns), [tuple(r) for r in rows])

    def close(self) -> None:
        """The session outlives the engine: it is the process's, and starting one costs a JVM start."""

    def __enter__(self) -> SparkEngine:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def as_engine(con: Engine | duckdb.DuckDBPyConnection) -> Engine:
    """An engine for what callers hold: an engine already, or a bare DuckDB connection (tests, scripts)."""
    return DuckDBEngine(con) if isinstance(con, duckdb.DuckDBPyConnection) else con


def parse_remote(url: str) -> tuple[str, int]:
    """Host and port of a Spark Connect URL ``sc://host:port[/;option=value…]``, or a Chinese error."""
    parsed = urllib.parse.urlparse(url)
    try:
        port = parsed.port or 15002
    except ValueError:
        port = -1
    if parsed.scheme != "sc" or not parsed.hostname or not 0 < port < 65536:
        raise EngineError(
            f"Spark Connect 地址格式不正确：{url}（应为 sc://主机:端口，如 sc://127.0.0.1:15002）"
        )
    return parsed.hostname, port


def check_reachable(url: str, timeout: float = CONNECT_TIMEOUT_S) -> None:
    """Fail fast, in Chinese, when nothing listens at the Connect URL (the client would retry for minutes)."""
    host, port = parse_remote(url)
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        raise EngineError(
            f"无法连接 Spark Connect 服务 {host}:{port}（{exc.strerror or exc}）：请确认服务已启动、地址与端口正确。"
        ) from exc


def spark_available(remote: bool = False) -> str | None:
    """None when a Spark session can be opened here (a Connect client needs no Java), else why not (Chinese)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "未安装 PySpark：请安装可选依赖 pip install 'zhaoshang[spark]'"
    if not remote and not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "未找到 Java 运行环境（Spark 本地模式需要 Java 17 及以上）：请安装 default-jre-headless 或设置 JAVA_HOME"
    return None


@functools.lru_cache(maxsize=4)
def spark_session(
    master: str | None = None,
    remote: str | None = None,
    driver_memory: str = "2g",
    app_name: str = "zhaoshang",
) -> Any:
    """The process's Spark session: local mode at ``master`` (default local[2]) or Spark Connect at ``remote``.

    Cached: a local session is a JVM (seconds to start), a Connect session a gRPC channel; both are reused.
    """
    if remote:
        check_reachable(remote)
        if reason := spark_available(remote=True):
            raise EngineError(reason)
        from pyspark.sql import SparkSession

        return SparkSession.builder.remote(remote).getOrCreate()
    if reason := spark_available():
        raise EngineError(reason)
    from pyspark.sql import SparkSession

    # py4j logs every gateway connection at INFO, which the application's root logger would print.
    logging.getLogger("py4j").setLevel(logging.WARNING)

    session = (
        SparkSession.builder.master(master or DEFAULT_MASTER)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", driver_memory)
        # A handful of cores: the default 200 shuffle partitions would be 200 tiny tasks per query.
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def table_location(universe: str | Path, table: str) -> str:
    """The part files of a table: a local glob, or the same under a URI (hdfs://, s3a://) a cluster reads."""
    return f"{str(universe).rstrip('/')}/{table}/*.parquet"


def open_engine(
    universe: str | Path,
    engine: str = "duckdb",
    *,
    spark_master: str | None = None,
    spark_remote: str | None = None,
    threads: int | None = None,
) -> Engine:
    """An engine where ``firms`` and ``firm_segments`` are views over the universe's Parquet part files."""
    if engine not in ENGINES:
        raise EngineError(f"未知的查询引擎：{engine}（可选 {'、'.join(ENGINES)}）")
    local = "://" not in str(universe)
    if local:
        for table in TABLES:
            if not list((Path(universe) / table).glob("*.parquet")):
                raise duck.UniverseNotFoundError(f"企业库目录 {universe} 中没有 {table} 数据文件")
    opened: Engine = (
        DuckDBEngine(threads=threads)
        if engine == "duckdb"
        else SparkEngine(spark_session(spark_master, spark_remote))
    )
    for table in TABLES:
        opened.register_parquet(table, table_location(Path(universe).resolve() if local else universe, table))
    return opened


def placeholders(prefix: str, values: Sequence[Any], params: dict[str, Any]) -> str:
    """``:prefix0, :prefix1 …`` for a list, binding each value; an empty list is ``NULL`` (matches nothing)."""
    names = []
    for i, value in enumerate(values):
        params[f"{prefix}{i}"] = value
        names.append(f":{prefix}{i}")
    return ", ".join(names) if names else "NULL"
