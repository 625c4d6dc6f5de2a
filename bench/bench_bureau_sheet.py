"""Reading a 50,000-row bureau ledger in each format a bureau sends: time and peak memory.

Builds one ledger the way bureaus keep it (merged title row, 填报单位/单位 row, header with 合同投资额（亿元）,
section rows, 合计 row, notes) as .xlsx, .xls, .ods, GBK .csv and UTF-16 .txt, then, in a fresh process for
each, reads it as the import does (`reading.read_table` with the ledger's columns: bounds, header search,
skipped rows) and maps its header (`columns.resolve`, units). The database work of an import (checks and
bulk writes) is measured by tests/records/test_imports_10k.py; this is the part that differs per format.

    .venv/bin/python bench/bench_bureau_sheet.py [rows]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from _common import machine_line  # noqa: E402
from tests.records.bureau_sheets import csv_bytes, ods, unicode_txt, xls, xlsx  # noqa: E402

READ = """
import resource, sys, time
import django
django.setup()
from zhaoshang.projects.imports import COLUMNS
from zhaoshang.records.imports.columns import resolve
from zhaoshang.records.imports.reading import read_table
start = time.perf_counter()
table = read_table(sys.argv[1], COLUMNS)
layout = resolve(table.headers, COLUMNS, sheet_unit=table.sheet_unit)
seconds = time.perf_counter() - start
assert not layout.errors, layout.errors
print(len(table.rows), table.header_row, len(table.skipped), seconds)
"""
# Linux keeps a process's peak RSS across exec, so the reader runs as the child of a small wrapper process
# (started from this big one) and the wrapper reports its child's peak.
WRAPPER = (
    "import resource, subprocess, sys;"
    "out = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True).stdout;"
    "print(out.strip(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def ledger(rows: int) -> list[list]:
    header = ["序号", "项目名称", "区县", "投资方", "合同投资额（亿元）", "项目进展", "签约时间", "项目类型"]
    grid: list[list] = [
        ["东城区2023年招商引资重点项目台账", *[None] * 7],
        [
            "填报单位：东城区投资促进局",
            None,
            None,
            "填报日期：2023年12月31日",
            None,
            "单位：万元",
            None,
            None,
        ],
        header,
        ["一、工业项目", *[None] * 7],
    ]
    first = date(2023, 1, 1)
    for n in range(1, rows + 1):
        signed = first + timedelta(days=n % 365)
        grid.append(
            [
                n,
                f"台账测试项目{n}",
                "东城区",
                f"台账测试企业{n}有限公司",
                1 + n % 50 / 10,
                "已签约",
                signed,
                "扩建",
            ]
        )
    grid.append([None, "合计", None, None, 0, None, None, None])
    grid.append(["注：合同投资额以签约协议为准。", *[None] * 7])
    return grid


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    print(machine_line())
    grid = ledger(rows)
    builders = {".xlsx": xlsx, ".xls": xls, ".ods": ods, ".csv": csv_bytes, ".txt": unicode_txt}
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "zhaoshang.settings", "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as folder:
        for suffix, build in builders.items():
            path = Path(folder) / f"台账{suffix}"
            path.write_bytes(build(grid))
            out = subprocess.run(
                [sys.executable, "-c", WRAPPER, sys.executable, "-c", READ, str(path)],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout.split()
            found, header, skipped, seconds, kb = (
                int(out[0]),
                int(out[1]),
                int(out[2]),
                float(out[3]),
                int(out[4]),
            )
            print(
                f"{suffix:6} {path.stat().st_size / 1024 / 1024:6.1f} MB  {found} rows (header row {header}, "
                f"{skipped} skipped)  read {seconds:.2f} s  peak RSS {kb / 1024:.0f} MB"
            )


if __name__ == "__main__":
    main()
