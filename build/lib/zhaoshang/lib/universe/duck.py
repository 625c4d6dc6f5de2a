"""DuckDB connection helper: one place that opens a connection and exposes the universe as views."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

FIRMS, SEGMENTS = "firms", "firm_segments"


class UniverseNotFoundError(FileNotFoundError):
    """The universe directory has no Parquet part files; the message is Chinese for the user."""


def part_glob(universe: Path, table: str) -> str:
    """The glob of a table's part files inside a universe directory."""
    return str(Path(universe) / table / "*.parquet")


def connect(threads: int | None = None, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection sized for this machine (threads default to the cores we have)."""
    con = duckdb.connect(":memory:")
    con.execute(f"SET threads = {int(threads or os.cpu_count() or 1)}")
    if memory_limit:
        # A setting, not a user value in a query: checked to be a plain size like "2GB".
        if not memory_limit.replace(".", "").rstrip("KMGTB").isdigit():
            raise ValueError(f"内存上限格式不正确：{memory_limit}")
        con.execute(f"SET memory_limit = '{memory_limit}'")
    return con


def open_universe(universe: Path, con: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
    """A connection where ``firms`` and ``firm_segments`` are views over the universe's Parquet parts."""
    con = con or connect()
    for table in (FIRMS, SEGMENTS):
        if not list((Path(universe) / table).glob("*.parquet")):
            raise UniverseNotFoundError(f"企业库目录 {universe} 中没有 {table} 数据文件")
        # The relation API takes the path as a value: no path is ever spliced into SQL text.
        con.read_parquet(part_glob(universe, table)).create_view(table, replace=True)
    return con
