"""Writing the ledger export (项目台账 .xlsx): time, peak memory and file size, bureau layout against plain.

The export streams (openpyxl write-only mode), so memory should stay flat as the ledger grows. Each case
runs in a fresh process (its peak RSS measured by the wrapper that started it) on synthetic rows shaped as
`ProjectImporter.export_rows` yields them (25 columns: ids, names, regions, amounts in 万元 as Decimal,
dates, notes), so no database is needed:

- `plain`: the export as it was before the bureau layout — a bold header row and the values, the baseline;
- `bureau`: `records.imports.workbook.export_workbook` — title and unit rows, units in the amount headers,
  every cell bordered and formatted, print setup (core/workbooks.ListSheet).

    .venv/bin/python bench/bench_ledger_export.py [rows ...]     (default: 10000 50000)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from _common import machine_line  # noqa: E402

ONE = """
import sys, time
from datetime import date, timedelta
from decimal import Decimal
import django
django.setup()
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from zhaoshang.core.workbooks import cells, to_bytes
from zhaoshang.projects.imports import COLUMNS
from zhaoshang.records.imports.workbook import export_workbook

case, n = sys.argv[1], int(sys.argv[2])


def rows():
    start = date(2022, 1, 1)
    for i in range(n):
        signed = start + timedelta(days=i % 365)
        yield [
            i + 1, f"智能网联汽车零部件项目{i:06d}", "沙坪坝区（500106）", f"重庆某某科技有限公司{i % 3000:04d}",
            f"91500106MA{i:08d}", "汽车制造", "3670", "西部物流园", "是" if i % 5 == 0 else "否", "新建",
            "内资", "", Decimal(i % 90000) + Decimal("0.5"), Decimal(i % 40000), None if i % 3 else Decimal(12),
            "签约", signed - timedelta(days=60), signed - timedelta(days=20), signed, None, None, None, None,
            "", "备注：第一批签约" if i % 4 == 0 else "",
        ]


def plain() -> bytes:
    # The export before the bureau layout (a bold header, then the values): the baseline.
    book = Workbook(write_only=True)
    sheet = book.create_sheet("项目台账")
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows():
        values = []
        for v in row:
            if isinstance(v, date):
                v = WriteOnlyCell(sheet, value=v)
                v.number_format = "yyyy-mm-dd"
            values.append(v)
        sheet.append(cells(sheet, values))
    return to_bytes(book)


began = time.perf_counter()
content = plain() if case == "plain" else export_workbook(COLUMNS, rows(), "项目台账", region="沙坪坝区")
print(time.perf_counter() - began, len(content))
"""
WRAPPER = (
    "import resource, subprocess, sys;"
    "out = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True).stdout;"
    "print(out.strip(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def measure(case: str, rows: int) -> tuple[float, int, float]:
    """(seconds, bytes, peak RSS in MB) of one export in a fresh process."""
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "zhaoshang.settings"}
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, sys.executable, "-c", ONE, case, str(rows)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    ).stdout
    seconds, size, kb = out.split()
    return float(seconds), int(size), int(kb) / 1024


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 50_000]
    print(machine_line())
    print(f"{'rows':>7} {'layout':<7} {'s':>7} {'rows/s':>8} {'MB file':>8} {'peak MB':>8} {'x plain':>8}")
    for rows in sizes:
        baseline = None
        for case in ("plain", "bureau"):
            seconds, size, peak = measure(case, rows)
            baseline = baseline or seconds
            print(
                f"{rows:>7} {case:<7} {seconds:>7.2f} {rows / seconds:>8.0f} {size / 1e6:>8.2f} "
                f"{peak:>8.0f} {seconds / baseline:>8.2f}"
            )


if __name__ == "__main__":
    main()
