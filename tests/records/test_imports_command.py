"""`zhaoshang import KIND FILE [--dry-run] [--map 列=字段] [--user NAME] [--template]`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from tests.records.imports_support import PROJECT_HEADERS, make_uscc, workbook
from zhaoshang.projects.models import Project

pytestmark = pytest.mark.django_db

GOOD = [
    "命令行项目",
    "东城区",
    "命令行企业有限公司",
    make_uscc(31),
    "3670",
    "否",
    "1.2亿",
    "签约",
    "2022-02-02",
]


def save(tmp_path, headers, rows, name="projects.xlsx"):
    path = tmp_path / name
    path.write_bytes(workbook(headers, rows).getvalue())
    return str(path)


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_reports_and_writes_nothing(tmp_path):
    out, _err = run("projects", save(tmp_path, PROJECT_HEADERS, [GOOD]), "--dry-run")
    assert "共 1 行：新增 1" in out and "试导入（未写入）" in out
    assert not Project.objects.filter(name="命令行项目").exists()


def test_an_import_then_the_same_import_again(tmp_path):
    path = save(tmp_path, PROJECT_HEADERS, [GOOD])
    assert "已导入：新增 1 条" in run("项目", path)[0]
    assert "新增 0 条，更新 0 条，未变 1 条" in run("projects", path)[0]


def test_errors_exit_with_status_1_and_list_each_row_in_chinese(tmp_path, capsys, monkeypatch):
    bad = [*GOOD[:6], "abc", *GOOD[7:]]
    path = save(tmp_path, PROJECT_HEADERS, [GOOD, bad])
    # run_from_argv closes every connection when it ends; the test's transaction must survive it.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["zhaoshang", "import", "projects", path]).execute()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "第 3 行“合同投资额”列（值：abc）：无法识别的金额" in err and "导入未执行" in err
    assert not Project.objects.filter(name="命令行项目").exists()


def test_map_renames_the_columns_of_another_layout(tmp_path):
    headers = ["工程名称", "地区", *PROJECT_HEADERS[2:]]
    path = save(tmp_path, headers, [GOOD])
    with pytest.raises(CommandError, match="缺少必需的列“项目名称”"):
        run("projects", path, "--dry-run")
    out, _err = run("projects", path, "--dry-run", "--map", "工程名称=项目名称", "--map", "地区=区县")
    assert "新增 1" in out


def test_user_limits_the_import_to_their_districts(tmp_path, dc_officer):
    path = save(tmp_path, PROJECT_HEADERS, [[*GOOD[:1], "西城区", *GOOD[2:]]])
    with pytest.raises(CommandError):
        run("projects", path, "--user", "dc_officer")


def test_template_writes_a_blank_template_and_an_unknown_kind_is_refused(tmp_path):
    from openpyxl import load_workbook

    out, _err = run("leads", str(tmp_path / "线索模板.xlsx"), "--template")
    assert "已写出模板" in out
    assert [c.value for c in load_workbook(tmp_path / "线索模板.xlsx").active[1]][:2] == ["区县", "企业"]
    with pytest.raises(CommandError, match="未知的导入类型"):
        run("contracts", "x.xlsx")
