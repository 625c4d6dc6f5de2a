"""Enterprises, leads and targets go through the same engine: natural keys, idempotence, scoping."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.records.imports_support import make_uscc, workbook
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.leads.models import Lead
from zhaoshang.records.imports import importer_for, run_import
from zhaoshang.targets.models import Target

pytestmark = pytest.mark.django_db

FIRM_HEADERS = ["企业名称", "统一社会信用代码", "注册地", "行业代码", "注册资本", "规上企业"]
LEAD_HEADERS = ["区县", "企业", "统一社会信用代码", "来源", "阶段", "下一步日期"]
TARGET_HEADERS = ["区划", "年度", "指标", "口径", "目标层级", "目标值"]


def run(kind, user, headers, rows, dry_run=False):
    return run_import(importer_for(kind, user=user), workbook(headers, rows), dry_run=dry_run)


def test_enterprises_are_matched_by_code_then_by_name_and_reimporting_changes_nothing(admin_user):
    Enterprise.objects.create(name="东城乙有限公司")  # no code yet: the file's row with a code is this firm
    rows = [
        ["东城甲有限公司", make_uscc(11), "东城区", "3670", "5000", "是"],
        ["东城乙有限公司", make_uscc(12), "110101", "", "", "否"],
        ["东城丙有限公司", "", "", "", "", ""],
    ]
    report = run("enterprises", admin_user, FIRM_HEADERS, rows)
    assert (report.created, report.changed) == (2, 1)
    first = Enterprise.objects.get(uscc=make_uscc(11))
    assert first.registered_capital == 50_000_000 and first.is_above_scale and first.region.code == "110101"
    assert Enterprise.objects.get(name="东城乙有限公司").uscc == make_uscc(12)
    report = run("enterprises", admin_user, FIRM_HEADERS, rows)
    assert (report.created, report.changed, report.unchanged) == (0, 0, 3)


def test_a_renamed_enterprise_keeps_its_old_name_as_a_former_name(admin_user):
    Enterprise.objects.create(name="小康工业有限公司", uscc=make_uscc(13))
    report = run(
        "enterprises", admin_user, ["企业名称", "统一社会信用代码"], [["赛力斯工业有限公司", make_uscc(13)]]
    )
    assert report.changed == 1
    firm = Enterprise.objects.get(uscc=make_uscc(13))
    assert (firm.name, firm.former_names) == ("赛力斯工业有限公司", ["小康工业有限公司"])
    assert (
        run(
            "enterprises",
            admin_user,
            ["企业名称", "统一社会信用代码"],
            [["赛力斯工业有限公司", make_uscc(13)]],
        ).unchanged
        == 1
    )


def test_a_district_cannot_change_an_enterprise_it_does_not_see(dc_admin):
    Enterprise.objects.create(name="外地企业有限公司", uscc=make_uscc(14))
    report = run(
        "enterprises",
        dc_admin,
        ["企业名称", "统一社会信用代码", "规上企业"],
        [["外地企业有限公司", make_uscc(14), "是"]],
        dry_run=True,
    )
    assert "不在您的管辖范围内" in report.errors[0].why


def test_leads_are_keyed_by_district_and_enterprise_and_create_missing_enterprises(dc_officer):
    rows = [["东城区", "线索企业有限公司", make_uscc(15), "展会活动", "已接触", "2022-09-01"]]
    report = run("leads", dc_officer, LEAD_HEADERS, rows)
    assert report.created == 1 and report.side_effects == {"新建企业": 1}
    lead = Lead.objects.get(enterprise__uscc=make_uscc(15))
    assert (lead.source, lead.stage, lead.owner) == ("expo", "contacted", dc_officer)
    assert run("leads", dc_officer, LEAD_HEADERS, rows).unchanged == 1
    rows[0][4] = "已转化"
    assert "须在线索页面转化" in run("leads", dc_officer, LEAD_HEADERS, rows).errors[0].why
    rows[0][0] = "西城区"
    assert "不在您的管辖范围内" in run("leads", dc_officer, LEAD_HEADERS, rows).errors[0].why


def test_targets_are_keyed_by_region_year_metric_scope_and_level(admin_user):
    rows = [
        ["东城区", 2023, "合同投资额", "", "区级目标", "120亿"],
        ["东城区", 2023, "签约项目数", "", "区级目标", 40],
        ["东城区", 2023, "开工率", "", "区级目标", "40%"],
    ]
    report = run("targets", admin_user, TARGET_HEADERS, rows)
    assert report.created == 3
    assert (
        Target.objects.get(region__code="110101", year=2023, metric="contract_investment").value == 12 * 10**9
    )
    assert Target.objects.get(region__code="110101", year=2023, metric="start_rate").value == Decimal("0.4")
    rows[0][5] = 1_300_000  # 万元
    report = run("targets", admin_user, TARGET_HEADERS, rows)
    assert (report.changed, report.unchanged) == (1, 2)


def test_a_district_administrator_sets_only_its_own_district_target(dc_admin):
    rows = [
        ["东城区", 2023, "签约项目数", "", "市级任务", 40],
        ["西城区", 2023, "签约项目数", "", "区级目标", 40],
    ]
    report = run("targets", dc_admin, TARGET_HEADERS, rows, dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(2, "目标层级"), (3, "区划")]
