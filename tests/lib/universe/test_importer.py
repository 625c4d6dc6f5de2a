"""Importing real data: validation with a Chinese rejection report, formats, and nothing partial on failure."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from zhaoshang.lib.universe.importer import import_universe, parse_mapping
from zhaoshang.lib.universe.sources import ImportFileError

GOOD = "91500106003325986W"
HEADER = ["信用代码", "企业名称", "区划", "注册资本", "从业人数", "经营范围", "行业"]
MAP = parse_mapping(
    [
        "信用代码=uscc",
        "企业名称=name",
        "区划=district_code",
        "注册资本=registered_capital",
        "从业人数=employees",
        "经营范围=scope",
        "行业=gbt_class",
    ]
)


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def report_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_a_good_row_is_imported_and_classified(tmp_path):
    src = write_csv(
        tmp_path / "a.csv", [[GOOD, "甲公司（测试）", "500106", "1000000", "50", "锂离子电池制造。", "3841"]]
    )
    summary = import_universe(src, tmp_path / "u", MAP)
    assert (summary.rows, summary.accepted, summary.rejected, summary.segment_rows) == (1, 1, 0, 1)
    row = duckdb.sql(
        f"SELECT uscc, province_code, district_code, registered_capital FROM '{tmp_path}/u/firms/*.parquet'"
    )
    assert row.fetchall() == [(GOOD, "500000", "500106", 1_000_000)]
    seg = duckdb.sql(f"SELECT chain, segment FROM '{tmp_path}/u/firm_segments/*.parquet'").fetchall()
    assert seg == [("nev", "动力电池")]


def test_it_refuses_a_row_with_a_bad_uscc(tmp_path):
    src = write_csv(tmp_path / "a.csv", [[GOOD[:-1] + "X", "乙公司", "500106", "1", "1", "", ""]])
    summary = import_universe(src, tmp_path / "u", MAP)
    assert summary.rejected == 1
    assert report_rows(summary.report) == [
        {
            "行号": "2",
            "列": "信用代码",
            "值": GOOD[:-1] + "X",
            "原因": "统一社会信用代码校验位错误或格式不符（GB 32100-2015）",
        }
    ]


def test_it_refuses_an_unknown_region(tmp_path):
    src = write_csv(tmp_path / "a.csv", [[GOOD, "丙公司", "999999", "1", "1", "", ""]])
    [row] = report_rows(import_universe(src, tmp_path / "u", MAP).report)
    assert (row["列"], row["值"], row["原因"]) == ("区划", "999999", "行政区划代码不在 GB/T 2260 代码表中")


def test_it_refuses_a_bad_number_and_a_fractional_head_count(tmp_path):
    src = write_csv(
        tmp_path / "a.csv",
        [
            [GOOD, "丁公司", "500106", "一百万", "1", "", ""],
            ["915001060038086973", "戊公司", "500106", "1,000", "2.5", "", ""],
        ],
    )
    rows = report_rows(import_universe(src, tmp_path / "u", MAP).report)
    assert [(r["行号"], r["列"], r["原因"]) for r in rows] == [
        ("2", "注册资本", "注册资本不是有效数字"),
        ("3", "从业人数", "从业人数不是有效整数"),
    ]


def test_a_second_row_with_the_same_uscc_is_refused(tmp_path):
    src = write_csv(
        tmp_path / "a.csv",
        [[GOOD, "甲", "500106", "1", "1", "", ""], [GOOD, "甲二", "500106", "1", "1", "", ""]],
    )
    summary = import_universe(src, tmp_path / "u", MAP)
    assert summary.accepted == 1
    assert [r["原因"] for r in report_rows(summary.report)] == ["统一社会信用代码重复"]


def test_a_missing_required_column_makes_the_file_unusable_and_leaves_nothing(tmp_path):
    src = write_csv(tmp_path / "a.csv", [[GOOD, "500106"]], header=["信用代码", "区划"])
    with pytest.raises(ImportFileError, match="缺少必需字段：企业名称（name）"):
        import_universe(src, tmp_path / "u", MAP)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_a_failure_midway_keeps_the_previous_universe(tmp_path, monkeypatch):
    good = write_csv(tmp_path / "a.csv", [[GOOD, "甲", "500106", "1", "1", "", ""]])
    import_universe(good, tmp_path / "u", MAP)
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "u").rglob("*"))
    rows = [[GOOD, "甲", "500106", "1", "1", "", ""]] + [
        ["915001060038086973", "乙", "500106", "1", "1", "", ""]
    ] * 3
    src = write_csv(tmp_path / "b.csv", rows)
    calls = {"n": 0}

    def explode(_n: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("磁盘已满")

    with pytest.raises(RuntimeError):
        import_universe(src, tmp_path / "u", MAP, progress=explode, batch_rows=2)
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "u").rglob("*")) == before
    assert not (tmp_path / "u.importing").exists()


def test_an_unsupported_or_empty_file_is_refused_in_chinese(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(ImportFileError, match="不支持的文件类型"):
        import_universe(tmp_path / "a.txt", tmp_path / "u", MAP)
    with pytest.raises(ImportFileError, match="没有数据行"):
        import_universe(write_csv(tmp_path / "e.csv", []), tmp_path / "u", MAP)
    with pytest.raises(ImportFileError, match="找不到文件"):
        import_universe(tmp_path / "none.csv", tmp_path / "u", MAP)


def test_a_bad_mapping_is_refused():
    with pytest.raises(ImportFileError, match="字段映射"):
        parse_mapping(["企业名称=firm_name"])


def test_xlsx_and_parquet_files_import_the_same_way(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([GOOD, "甲公司", 500106, 1000000, 50, "国际货物运输代理；无船承运业务。", "5821"])
    book.save(tmp_path / "a.xlsx")
    assert import_universe(tmp_path / "a.xlsx", tmp_path / "x", MAP).segment_rows == 1
    pq.write_table(
        pa.table({"uscc": [GOOD], "name": ["甲公司"], "district_code": ["500106"], "employees": [3]}),
        tmp_path / "a.parquet",
    )
    assert import_universe(tmp_path / "a.parquet", tmp_path / "p", {}).accepted == 1


def test_a_gb18030_csv_is_read(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes(("uscc,name,district_code\n" + f"{GOOD},甲公司,500106\n").encode("gb18030"))
    assert import_universe(path, tmp_path / "u", {}).accepted == 1


def test_it_will_not_overwrite_a_directory_that_is_not_a_universe(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "keep.txt").write_text("重要")
    src = write_csv(tmp_path / "a.csv", [[GOOD, "甲", "500106", "1", "1", "", ""]])
    with pytest.raises(ImportFileError, match="拒绝覆盖"):
        import_universe(src, tmp_path / "docs", MAP)
    assert (tmp_path / "docs" / "keep.txt").read_text() == "重要"
