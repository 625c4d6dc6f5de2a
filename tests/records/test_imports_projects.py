"""Importing the ledger: what a row creates or changes, the ledger's rules, scoping, and all-or-nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError

from tests.records.imports_support import PROJECT_HEADERS, make_uscc, workbook
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.projects.models import Project, StageEvent
from zhaoshang.records.imports import importer_for, run_import
from zhaoshang.targets.models import PeriodReport

pytestmark = pytest.mark.django_db


def row(name: str = "东城测试项目", region: str = "东城区", **overrides) -> list:
    values = {
        "investor": "东城测试企业有限公司",
        "uscc": make_uscc(1),
        "industry": "3670",
        "key": "是",
        "amount": "3.5亿",
        "stage": "签约",
        "signed": "2022-05-10",
    } | overrides
    return [
        name,
        region,
        values["investor"],
        values["uscc"],
        values["industry"],
        values["key"],
        values["amount"],
        values["stage"],
        values["signed"],
    ]


def run(user, rows, *, dry_run=False, headers=PROJECT_HEADERS, mapping=None):
    return run_import(
        importer_for("projects", user=user), workbook(headers, rows), dry_run=dry_run, mapping=mapping
    )


def test_a_row_creates_a_project_with_its_investor_stage_event_and_history(admin_user, dongcheng):
    report = run(admin_user, [row()])
    assert report.committed and (report.created, report.side_effects) == (1, {"新建投资方企业": 1})
    project = Project.objects.get(region=dongcheng, name="东城测试项目")
    assert project.contract_investment == 350_000_000 and project.is_key and project.is_manufacturing
    assert project.signed_on == date(2022, 5, 10) and project.owner == admin_user
    assert [e.uscc for e in project.investors.all()] == [make_uscc(1)]
    event = StageEvent.objects.get(project=project)
    assert (event.from_stage, event.to_stage, event.occurred_on) == ("", "signed", date(2022, 5, 10))
    assert project.history.get().history_user == admin_user


def test_a_dry_run_writes_nothing(admin_user):
    before = Project.objects.count()
    report = run(admin_user, [row()], dry_run=True)
    assert report.created == 1 and not report.committed and Project.objects.count() == before


def test_importing_the_same_rows_again_changes_nothing(admin_user):
    run(admin_user, [row(), row("第二个项目", amount=35000, signed=date(2022, 6, 1))])
    events, history = StageEvent.objects.count(), Project.history.count()
    report = run(admin_user, [row(), row("第二个项目", amount=35000, signed=date(2022, 6, 1))])
    assert (report.created, report.changed, report.unchanged) == (0, 0, 2)
    assert (StageEvent.objects.count(), Project.history.count()) == (events, history)


def test_a_changed_row_updates_the_project_and_says_what_changed(admin_user, dongcheng):
    run(admin_user, [row()])
    project = Project.objects.get(region=dongcheng, name="东城测试项目")
    report = run(admin_user, [row(amount="4亿", key="否")])
    assert (report.created, report.changed) == (0, 1)
    changes = {c.column: (c.old, c.new) for c in report.outcomes[0].changes}
    assert changes == {"重点项目": ("是", "否"), "合同投资额": ("350000000", "400000000")}
    project.refresh_from_db()
    assert project.contract_investment == 400_000_000 and not project.is_key
    assert project.version == 2 and project.history.count() == 2


def test_a_stage_moving_forward_records_each_step(admin_user, dongcheng):
    run(admin_user, [row()])
    headers = [*PROJECT_HEADERS, "注册日期", "开工日期"]
    report = run(admin_user, [[*row(stage="开工"), "2022-06-01", "2022-07-01"]], headers=headers)
    assert report.changed == 1
    steps = StageEvent.objects.filter(project__name="东城测试项目").values_list(
        "from_stage", "to_stage", "occurred_on"
    )
    assert list(steps) == [
        ("", "signed", date(2022, 5, 10)),
        ("signed", "registered", date(2022, 6, 1)),
        ("registered", "started", date(2022, 7, 1)),
    ]


def test_it_refuses_a_stage_moving_back_and_a_stage_without_its_date(admin_user):
    run(admin_user, [row()])
    report = run(admin_user, [row(stage="洽谈"), row("无日期项目", stage="开工")])
    whys = {n: " ".join(e.why for e in report.errors if e.row == n) for n in (2, 3)}
    assert "不能倒退" in whys[2] and "请填写当前阶段（开工）的日期" in whys[3] and not report.committed


def test_it_refuses_a_signed_project_without_an_amount_and_a_new_terminated_one(admin_user):
    report = run(admin_user, [row(amount=None), row("终止项目", stage="终止")])
    assert [(e.row, e.column) for e in report.errors] == [(2, "合同投资额"), (3, "阶段")]


def test_a_project_number_matches_the_project_even_when_renamed(admin_user, dongcheng):
    run(admin_user, [row()])
    project = Project.objects.get(region=dongcheng, name="东城测试项目")
    headers = ["项目编号", *PROJECT_HEADERS]
    report = run(
        admin_user,
        [[project.pk, *row("东城测试项目（更名）")], [999_999_999, *row("另一个")]],
        headers=headers,
        dry_run=True,
    )
    assert report.changed == 1 and report.errors[0].row == 3 and "没有此编号" in report.errors[0].why


def test_a_row_numbered_for_a_deleted_project_asks_to_restore_it_first(admin_user, dongcheng):
    run(admin_user, [row()])
    project = Project.objects.get(region=dongcheng, name="东城测试项目")
    project.soft_delete(admin_user, "重复录入")
    report = run(admin_user, [[project.pk, *row()]], headers=["项目编号", *PROJECT_HEADERS], dry_run=True)
    assert report.errors[0].row == 2 and "已删除（在回收站中）" in report.errors[0].why
    assert not Project.objects.filter(region=dongcheng, name="东城测试项目").exists()


def test_an_officer_imports_only_into_their_district(dc_officer):
    report = run(dc_officer, [row(), row("西城项目", region="西城区")], dry_run=True)
    assert [(e.row, e.column, e.why) for e in report.errors] == [(3, "区县", "该区县不在您的管辖范围内。")]


def test_an_officer_cannot_change_a_colleagues_project(admin_user, dc_officer):
    run(admin_user, [row()])
    report = run(dc_officer, [row(amount="9亿")], dry_run=True)
    assert "无权修改此项目" in report.errors[0].why


def test_a_leader_cannot_import(dc_leader):
    report = run(dc_leader, [row()])
    assert report.errors[0].why == "您的角色不能导入项目。" and report.errors[0].row == 0


def test_a_row_that_would_alter_a_reported_period_is_refused(admin_user, dongcheng):
    PeriodReport.objects.create(
        region=dongcheng, period_code="2022H1", start=date(2022, 1, 1), end=date(2022, 6, 30), figures={}
    )
    report = run(admin_user, [row()], dry_run=True)
    assert "已报送期间（东城区2022H1）" in report.errors[0].why


def test_a_row_in_a_period_its_province_reported_is_refused(admin_user, dongcheng):
    PeriodReport.objects.create(
        region=dongcheng.parent,
        period_code="2022H1",
        start=date(2022, 1, 1),
        end=date(2022, 6, 30),
        figures={},
    )
    report = run(admin_user, [row()], dry_run=True)
    assert f"已报送期间（{dongcheng.parent.name}2022H1）" in report.errors[0].why
    assert run(admin_user, [row(signed="2022-07-10")], dry_run=True).ok


def test_headers_of_another_layout_are_mapped(admin_user):
    headers = [
        "项目",
        "所属区县",
        "投资主体",
        "信用代码",
        "行业代码",
        "是否重点",
        "协议投资额（万元）",
        "进度",
        "签约时间",
    ]
    report = run(admin_user, [row()], headers=headers, dry_run=True)
    assert report.ok and report.created == 1
    headers[0] = "工程名称"
    report = run(admin_user, [row()], headers=headers, dry_run=True)
    assert [(e.row, e.column, e.why) for e in report.errors] == [(1, "项目名称", "缺少必需的列“项目名称”。")]
    report = run(admin_user, [row()], headers=headers, dry_run=True, mapping={"工程名称": "项目名称"})
    assert report.ok and report.created == 1


@pytest.mark.parametrize(
    "cell", [date(2022, 5, 10), "2022-05-10", "2022/5/10", "2022.5.10", "2022年5月10日", 44691]
)
def test_dates_are_read_in_every_usual_form(admin_user, cell):
    report = run(admin_user, [row(signed=cell)])
    assert report.ok, report.errors
    assert Project.objects.get(name="东城测试项目").signed_on == date(2022, 5, 10)


def test_a_database_error_while_writing_leaves_nothing_behind(admin_user, monkeypatch):
    before = (Project.objects.count(), Enterprise.objects.count())

    def fail(*args, **kwargs):
        raise IntegrityError("模拟故障")

    monkeypatch.setattr(StageEvent.objects, "bulk_create", fail)
    report = run(admin_user, [row(), row("第二个项目")])
    assert not report.committed and "写入数据库失败" in report.errors[0].why
    assert (Project.objects.count(), Enterprise.objects.count()) == before


def test_an_investor_known_by_name_is_reused_and_a_conflicting_code_refused(admin_user):
    Enterprise.objects.create(name="东城测试企业有限公司", uscc=make_uscc(7))
    report = run(admin_user, [row(uscc="")], dry_run=True)
    assert report.ok and report.side_effects == {}
    report = run(admin_user, [row()], dry_run=True)
    assert "统一社会信用代码为" in report.errors[0].why


def test_an_investor_named_twice_invests_once_and_reimporting_changes_nothing(admin_user):
    twice = row(investor="东城重复企业有限公司、东城重复企业有限公司", uscc="")
    assert run(admin_user, [twice]).created == 1
    assert Project.objects.get(name="东城测试项目").investors.count() == 1
    assert run(admin_user, [twice]).unchanged == 1
