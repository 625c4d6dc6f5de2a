"""A bureau's own ledger (issue 12 item 1): title rows above the header, section, 合计 and note rows,
units in headers and title rows, and the formats bureaus send (.xlsx, .xls, .ods, GBK .csv, Unicode .txt)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.records.bureau_sheets import csv_bytes, named, ods, unicode_txt, xls, xlsx
from tests.records.imports_support import table_checksum
from zhaoshang.projects.models import Project, StageEvent
from zhaoshang.records.imports import importer_for, run_import

pytestmark = pytest.mark.django_db

TITLE = "东城区2023年招商引资重点项目台账"
HEADER = ["序号", "项目名称", "区县", "投资方", "合同投资额（亿元）", "阶段", "签约日期"]


def ledger(*records: list, header: list | None = None, unit_row: str = "单位：万元") -> list[list]:
    """Title, 填报单位/日期/单位 row, header, a section row, the records, a 合计 row and a note."""
    header = header or HEADER
    width = len(header)
    return [
        [TITLE, *[None] * (width - 1)],
        ["填报单位：东城区投资促进局", None, None, "填报日期：2023年12月31日", None, unit_row, None][:width],
        header,
        ["一、工业项目", *[None] * (width - 1)],
        *records,
        [None, "合计", None, None, sum(r[4] for r in records if isinstance(r[4], int | float)), None, None],
        ["注：合同投资额以签约协议为准。", *[None] * (width - 1)],
    ]


def record(
    n: int, name: str, amount: object = 3.5, stage: str = "签约", signed: object = "2023.3.15"
) -> list:
    return [n, name, "东城区", f"东城台账测试企业{n}有限公司", amount, stage, signed]


def run(user, data: bytes, name: str, *, dry_run: bool = False):
    return run_import(importer_for("projects", user=user), named(data, name), dry_run=dry_run)


def test_the_header_is_found_under_the_title_rows_and_totals_sections_notes_are_skipped(
    admin_user, dongcheng
):
    grid = ledger(record(1, "台账项目甲"), record(2, "台账项目乙", amount=1.2, signed="2023年4月2日"))
    report = run(admin_user, xlsx(grid), "台账.xlsx")
    assert report.committed, report.errors
    assert (report.created, report.header_row, report.total_rows) == (2, 3, 2)
    assert [(s.row, s.why) for s in report.skipped] == [
        (4, "分组标题行"),
        (7, "合计/小计行"),
        (8, "表尾说明"),
    ]
    first = Project.objects.get(region=dongcheng, name="台账项目甲")
    assert first.contract_investment == 350_000_000 and first.signed_on == date(2023, 3, 15)
    assert Project.objects.get(region=dongcheng, name="台账项目乙").signed_on == date(2023, 4, 2)
    assert "表头在第 3 行。" in report.understood()


def test_a_unit_in_the_header_reads_bare_numbers_and_a_unit_in_a_cell_wins(admin_user, dongcheng):
    grid = ledger(record(1, "亿元项目", amount=3), record(2, "万元项目", amount="5000万元"))
    report = run(admin_user, xlsx(grid), "台账.xlsx")
    assert report.committed, report.errors
    amounts = dict(Project.objects.filter(region=dongcheng).values_list("name", "contract_investment"))
    assert amounts == {"亿元项目": 300_000_000, "万元项目": 50_000_000}
    assert report.units == {"合同投资额（亿元）": "亿元（表头）"}


def test_the_unit_row_above_the_header_is_the_unit_of_a_column_whose_header_names_none(admin_user, dongcheng):
    header = [*HEADER[:4], "协议投资额", *HEADER[5:]]
    grid = ledger(record(1, "表首单位项目", amount=2), header=header, unit_row="单位：亿元")
    report = run(admin_user, xlsx(grid), "台账.xlsx")
    assert report.committed, report.errors
    assert Project.objects.get(region=dongcheng, name="表首单位项目").contract_investment == 200_000_000
    assert report.units == {"协议投资额": "亿元（表首“单位”行）"}


def test_a_header_unit_wins_over_the_unit_row(admin_user, dongcheng):
    header = [*HEADER[:4], "合同投资额(万元)", *HEADER[5:]]
    run(
        admin_user,
        xlsx(ledger(record(1, "表头优先项目", amount=800), header=header, unit_row="单位：亿元")),
        "a.xlsx",
    )
    assert Project.objects.get(region=dongcheng, name="表头优先项目").contract_investment == 8_000_000


def test_without_any_unit_bare_numbers_stay_in_wan(admin_user, dongcheng):
    header = [*HEADER[:4], "合同投资额", *HEADER[5:]]
    run(admin_user, xlsx(ledger(record(1, "默认万元项目", amount=800), header=header, unit_row="")), "a.xlsx")
    assert Project.objects.get(region=dongcheng, name="默认万元项目").contract_investment == 8_000_000


def test_a_dollar_unit_on_a_yuan_column_is_refused_and_nothing_is_written(admin_user):
    header = [*HEADER[:4], "合同投资额（万美元）", *HEADER[5:]]
    before = table_checksum(Project)
    report = run(admin_user, xlsx(ledger(record(1, "美元项目", amount=800), header=header)), "a.xlsx")
    assert not report.committed and table_checksum(Project) == before
    assert "单位“万美元”与该列的币种不符" in report.errors[0].why


def test_a_bad_row_in_a_bureau_sheet_is_named_by_its_excel_row_and_nothing_is_written(admin_user):
    grid = ledger(record(1, "好项目"), record(2, "坏项目", signed="2023.13.45"))
    before = table_checksum(Project, StageEvent)
    report = run(admin_user, xlsx(grid), "台账.xlsx")
    assert not report.committed and table_checksum(Project, StageEvent) == before
    assert [(e.row, e.column) for e in report.errors] == [(6, "签约日期")]


BUILDERS = {
    "台账.xlsx": xlsx,
    "台账.xls": xls,
    "台账.ods": ods,
    "台账.csv": csv_bytes,
    "台账-gb18030.csv": lambda grid: csv_bytes(grid, encoding="gb18030"),
    "台账.txt": unicode_txt,
    "台账-gbk.txt": lambda grid: csv_bytes(grid, delimiter="\t"),
}


@pytest.mark.parametrize("name", BUILDERS)
def test_the_same_ledger_imports_from_every_format(admin_user, dongcheng, name):
    grid = ledger(
        record(1, "格式项目甲"), record(2, "格式项目乙", amount="8000万元", signed=date(2023, 5, 6))
    )
    report = run(admin_user, BUILDERS[name](grid), name)
    assert report.committed, report.errors
    assert (report.created, report.header_row, len(report.skipped)) == (2, 3, 3)
    projects = Project.objects.filter(region=dongcheng, name__startswith="格式项目").order_by("signed_on")
    assert [(p.contract_investment, p.signed_on) for p in projects] == [
        (350_000_000, date(2023, 3, 15)),
        (80_000_000, date(2023, 5, 6)),
    ]


def test_an_html_page_saved_as_xls_is_refused_with_advice(admin_user):
    report = run(admin_user, "<html><table><tr><td>项目名称</td></tr></table></html>".encode(), "台账.xls")
    assert not report.committed and "网页（HTML）格式" in report.errors[0].why


def test_the_command_dry_run_says_what_it_understood(admin_user, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "台账.xls"
    path.write_bytes(xls(ledger(record(1, "命令项目"))))
    call_command("import", "projects", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "表头在第 3 行。" in out and "合同投资额（亿元）：亿元（表头）" in out
    assert "第 6 行（合计/小计行）" in out
    assert not Project.objects.filter(name="命令项目").exists()


@pytest.mark.parametrize(
    ("name", "build"), [("台账.txt", lambda g: csv_bytes(g, delimiter="\t")), ("台账.xls", xls)]
)
def test_the_web_upload_takes_a_gbk_txt_and_an_xls_and_shows_what_it_understood(
    client, dc_admin, settings, tmp_path, name, build
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.MEDIA_ROOT = tmp_path
    client.force_login(dc_admin)
    file = SimpleUploadedFile(name, build(ledger(record(1, "网页台账项目"))))
    html = client.post(reverse("imports:projects"), {"file": file, "dry_run": "on"}).content.decode()
    assert "试导入（未写入）：将新增 1 条" in html, html
    assert "表头在第 3 行。" in html and "合同投资额（亿元）：亿元（表头）" in html
    assert "第 6 行（合计/小计行）" in html
    assert not Project.objects.filter(name="网页台账项目").exists()


WORDS_HEADER = [
    "序号",
    "项目",
    "投资主体",
    "协议投资（万元）",
    "项目进展",
    "建设性质",
    "签约时间",
    "洽谈时间",
]


def worded(
    n: int, name: str, stage: str, kind: str, signed: object = None, talks: object = "2023-01-05"
) -> list:
    return [n, name, f"东城用语测试企业{n}有限公司", 5000, stage, kind, signed, talks]


def test_a_district_user_imports_a_sheet_without_a_district_column_in_the_bureaus_words(dc_admin, dongcheng):
    grid = [
        [TITLE, *[None] * 7],
        WORDS_HEADER,
        worded(1, "用语项目甲", "洽谈中", "扩建"),
        worded(2, "用语项目乙", "在谈", "技改"),
        worded(3, "用语项目丙", "已签约", "新建", signed="2023年6月1日"),
        worded(4, "用语项目丁", "已开工", "技术改造", signed="2023.2.1"),
        [None, "小计", None, 20000, None, None, None, None],
    ]
    grid[5] += ["2023-03-01"]  # 开工时间 for the started one
    grid[1] = [*WORDS_HEADER, "开工时间"]
    report = run(dc_admin, xlsx(grid), "台账.xlsx")
    assert report.committed, report.errors
    found = {
        p.name: (p.stage, p.project_type, p.contract_investment)
        for p in Project.objects.filter(region=dongcheng, name__startswith="用语项目")
    }
    assert found == {
        "用语项目甲": ("negotiating", "expansion", 50_000_000),
        "用语项目乙": ("negotiating", "retrofit", 50_000_000),
        "用语项目丙": ("signed", "new", 50_000_000),
        "用语项目丁": ("started", "retrofit", 50_000_000),
    }
    assert report.implied == {"区县": "东城区"}
    assert "文件中没有“区县”列：取“东城区”。" in report.understood()


def test_a_city_user_still_needs_the_district_column(admin_user):
    grid = [WORDS_HEADER, worded(1, "市级用户项目", "洽谈中", "新建")]
    report = run(admin_user, xlsx(grid, merge_title=False), "台账.xlsx")
    assert not report.committed and [e.why for e in report.errors] == ["缺少必需的列“区县”。"]


def test_an_unknown_stage_word_is_refused_naming_the_choices(dc_admin):
    report = run(
        dc_admin,
        xlsx([WORDS_HEADER, worded(1, "未知阶段项目", "推进中", "新建")], merge_title=False),
        "a.xlsx",
    )
    assert not report.committed and "“推进中”不是可选值" in report.errors[0].why


def test_total_investment_fills_the_contract_column_only_when_the_sheet_has_no_better_one(
    admin_user, dongcheng
):
    header = ["项目名称", "区县", "总投资（亿元）", "阶段", "签约日期"]
    run(
        admin_user,
        xlsx([header, ["总投资项目", "东城区", 2, "签约", "2023-01-01"]], merge_title=False),
        "a.xlsx",
    )
    assert Project.objects.get(name="总投资项目").contract_investment == 200_000_000
    both = ["项目名称", "区县", "总投资（亿元）", "合同投资额（万元）", "阶段", "签约日期"]
    report = run(
        admin_user,
        xlsx([both, ["双列项目", "东城区", 9, 800, "签约", "2023-01-01"]], merge_title=False),
        "b.xlsx",
    )
    assert report.committed and report.ignored_columns == ["总投资（亿元）"]
    assert Project.objects.get(name="双列项目").contract_investment == 8_000_000


def test_a_bureau_extends_the_words_with_its_own_file(settings, tmp_path):
    import json

    from zhaoshang.records.imports.vocabulary import load

    path = tmp_path / "words.json"
    path.write_text(
        json.dumps(
            {"columns": {"name": {"aliases": ["招引项目"]}}, "values": {"stage": {"已竣工": "started"}}}
        ),
        encoding="utf-8",
    )
    settings.IMPORT_WORDS = str(path)
    words = load("zhaoshang.projects", "import_words.json")
    assert "招引项目" in words.aliases("name") and "项目" in words.aliases("name")
    assert words.words("stage")["已竣工"] == "started" and words.words("stage")["洽谈中"] == "negotiating"
