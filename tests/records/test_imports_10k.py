"""Issue 6, "Done when": 10,000 ledger rows of which exactly 37 are bad.

The dry run names exactly those 37 rows with their reasons; the real import refuses and leaves the
database as it was (counts and a checksum of every row); the fixed file imports all 10,000; importing it
again changes nothing.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from datetime import date

import pytest

from tests.records.imports_support import PROJECT_HEADERS, bad_uscc, make_uscc, table_checksum, workbook
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.projects.models import Project, StageEvent
from zhaoshang.records.imports import importer_for, run_import
from zhaoshang.regions.models import Region

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROWS = 10_000
# Bad rows per kind of fault, and the words their reason must contain.
FAULTS = {
    "uscc": (7, "统一社会信用代码"),
    "region": (6, "找不到该区划"),
    "amount": (6, "无法识别的金额"),
    "date": (6, "不存在"),
    "duplicate": (6, "重复"),
    "empty": (6, "必填"),
}
TABLES = (Project, Enterprise, StageEvent, Project.investors.through, Project.history.model)


def _regions() -> list[Region]:
    """Beijing's districts (the demo leaves them empty) whose names are unique in the country."""
    counties = list(Region.objects.filter(code__startswith="11", level="county").order_by("code"))
    names = Counter(Region.objects.values_list("name", flat=True))
    return [r for r in counties if names[r.name] == 1]


def good_row(i: int, regions: list[Region]) -> list:
    region = regions[i % len(regions)]
    firm = i % 3000
    amount = ["3.5亿", 35000, "12000万元", 880.5][i % 4]
    signed = [date(2022, 1 + i % 12, 1 + i % 28), "2022-05-10", "2022/5/10"][i % 3]
    return [
        f"导入测试项目{i:05d}",
        region.code if i % 2 else region.name,
        f"导入测试企业{firm:04d}有限公司",
        make_uscc(firm),
        "3670" if i % 2 else "6513",
        "是" if i % 5 == 0 else "否",
        amount,
        "签约",
        signed,
    ]


def spoil(rows: list[list], regions: list[Region]) -> dict[int, str]:
    """Spoil exactly 37 rows in place; returns Excel row number -> kind of fault."""
    rng = random.Random(37)
    picks = iter(sorted(rng.sample(range(100, ROWS, 2), sum(n for n, _w in FAULTS.values()))))
    spoiled = {}
    for fault, (count, _words) in FAULTS.items():
        for _ in range(count):
            i = next(picks)
            row = rows[i]
            if fault == "uscc":
                row[3] = bad_uscc(i % 3000)
            elif fault == "region":
                row[1] = "火星区"
            elif fault == "amount":
                row[6] = "abc"
            elif fault == "date":
                row[8] = "2022-13-01"
            elif fault == "duplicate":
                rows[i] = list(rows[i - 1])  # an odd index: never spoiled itself
            else:
                row[0 if i % 4 else 7] = None
            spoiled[i + 2] = fault
    return spoiled


def test_ten_thousand_rows_with_37_bad_ones(admin_user, capsys):
    regions = _regions()
    rows = [good_row(i, regions) for i in range(ROWS)]
    spoiled = spoil(rows, regions)
    before = ({m: m._default_manager.count() for m in TABLES}, table_checksum(*TABLES))
    timings = {}
    spoiled_file = workbook(PROJECT_HEADERS, rows)

    start = time.perf_counter()
    report = run_import(importer_for("projects", user=admin_user), spoiled_file, dry_run=True)
    timings["dry run"] = time.perf_counter() - start
    assert report.rejected_rows == sorted(spoiled)
    assert len(report.errors) == 37
    for error in report.errors:
        assert FAULTS[spoiled[error.row]][1] in error.why, error
    assert report.created == ROWS - 37 and report.changed == 0

    start = time.perf_counter()
    report = run_import(importer_for("projects", user=admin_user), spoiled_file, dry_run=False)
    timings["refused import"] = time.perf_counter() - start
    assert not report.committed and report.rejected == 37
    assert ({m: m._default_manager.count() for m in TABLES}, table_checksum(*TABLES)) == before

    for number in spoiled:
        rows[number - 2] = good_row(number - 2, regions)
    fixed_file = workbook(PROJECT_HEADERS, rows)
    start = time.perf_counter()
    report = run_import(importer_for("projects", user=admin_user), fixed_file, dry_run=False)
    timings["import"] = time.perf_counter() - start
    assert report.committed and report.errors == []
    assert (report.created, report.changed, report.unchanged) == (ROWS, 0, 0)
    assert Project.objects.count() == before[0][Project] + ROWS
    assert Enterprise.objects.count() == before[0][Enterprise] + 3000
    assert StageEvent.objects.count() == before[0][StageEvent] + ROWS
    imported = Project.objects.filter(name__startswith="导入测试项目")
    assert imported.filter(contract_investment=350_000_000).count() == ROWS // 2  # "3.5亿" and 35000 (万元)
    after = table_checksum(*TABLES)

    start = time.perf_counter()
    report = run_import(importer_for("projects", user=admin_user), fixed_file, dry_run=False)
    timings["re-import"] = time.perf_counter() - start
    assert (report.created, report.changed, report.unchanged) == (0, 0, ROWS)
    assert table_checksum(*TABLES) == after
    with capsys.disabled():
        print("\n10k-row import:", ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()))
