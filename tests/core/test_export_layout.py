"""Every list export in the layout bureaus forward upward (issue 14, "Excel exports"): a title row, a
unit and cut-off row, units in every amount header, borders, landscape A4 fitted to the page width with
the header repeated on every printed page; and the ledger, so laid out, imports back unchanged."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import UserFactory
from tests.workbook_layout import HEADER_ROW, assert_bureau_layout, header, records
from zhaoshang.accounts.models import Role
from zhaoshang.projects.models import Project, Stage
from zhaoshang.regions.models import Region

pytestmark = pytest.mark.django_db

SPB = {"region": "500106", "period": "2022H1"}


def book_of(response):
    assert response.status_code == 200, response.content[:500]
    return load_workbook(BytesIO(response.content))


@pytest.mark.parametrize(
    ("kind", "title", "unit", "amounts"),
    [
        (
            "projects",
            "重庆市项目台账",
            "万元、万美元",
            ["合同投资额（万元）", "计划固定资产投资（万元）", "实际使用外资（万美元）"],
        ),
        ("enterprises", "重庆市企业", "万元", ["注册资本（万元）"]),
        ("leads", "重庆市招商线索", None, []),
        ("targets", "重庆市目标", None, ["目标值（金额为万元）"]),
    ],
)
def test_each_list_export_has_the_bureau_layout(admin_client, kind, title, unit, amounts):
    sheet = book_of(admin_client.get(reverse(f"imports:{kind}_export"))).active
    assert_bureau_layout(sheet, title=title, unit=unit)
    assert set(amounts) <= set(header(sheet))
    if unit is None:
        assert sheet["A2"].value.startswith("数据截至：")
    assert records(sheet), "the demo has rows of every kind"


def test_a_district_users_export_names_the_district_in_its_title(client):
    client.force_login(UserFactory(role=Role.OFFICER, region=Region.objects.get(code="500106")))
    sheet = book_of(client.get(reverse("imports:projects_export"))).active
    assert_bureau_layout(sheet, title="沙坪坝区项目台账", unit="万元、万美元")
    assert {r[2] for r in records(sheet)} == {"沙坪坝区（500106）"}


def test_the_cockpit_export_has_the_bureau_layout_on_each_sheet(admin_client):
    book = book_of(admin_client.get(reverse("targets:cockpit_export"), SPB))
    assessment = book["考核指标"]
    assert_bureau_layout(assessment, title="沙坪坝区招商引资考核指标")
    assert "统计期间：2022年上半年" in assessment["A2"].value
    rows = {r[0]: r for r in records(assessment)}
    assert rows["合同投资额"][1] == "亿元" and rows["签约项目数"][1] == "个"
    by_label = {row[0].value: row for row in assessment.iter_rows(min_row=HEADER_ROW + 1)}
    assert by_label["合同投资额"][2].number_format == "#,##0.00"
    assert by_label["签约项目数"][2].number_format == "#,##0"
    assert_bureau_layout(book["产业方向"], title="沙坪坝区签约项目产业方向分布", unit="亿元")
    assert_bureau_layout(book["重点项目"], title="沙坪坝区重点签约项目", unit="亿元")
    assert "合同投资额（亿元）" in header(book["重点项目"])


def test_the_monthly_table_has_the_bureau_layout(admin_client):
    sheet = book_of(admin_client.get(reverse("targets:monthly_export"), SPB))["月度统计表"]
    assert_bureau_layout(sheet, title="沙坪坝区2022年招商引资月度统计表", unit="亿元")
    assert "填报单位：沙坪坝区" in sheet["A2"].value
    assert "合同投资额·累计（亿元）" in header(sheet) and "签约项目数·当月（个）" in header(sheet)


def test_the_rollup_has_the_bureau_layout(admin_client):
    params = {"city": "500000", "period": "2022H1", "metric": "contract_investment"}
    sheet = book_of(admin_client.get(reverse("targets:rollup_export"), params))["区县排名"]
    assert_bureau_layout(sheet, title="重庆市各区县招商引资排名（合同投资额）", unit="亿元")
    assert "合同投资额全年目标（亿元）" in header(sheet)


def test_the_ledger_export_imports_back_unchanged_with_its_amounts_read_in_the_headers_units(
    admin_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    region = Region.objects.get(code="500106")
    project = Project.objects.create(
        name="往返测试项目",
        region=region,
        stage=Stage.SIGNED,
        lead_on=date(2022, 1, 5),
        signed_on=date(2022, 3, 1),
        contract_investment=123_456_789,  # 12,345.6789 万元: the export keeps it to the yuan
        fixed_asset_investment=50_000_001,
        foreign_capital_usd=7_654_321,
    )
    response = admin_client.get(reverse("imports:projects_export"), {"q": "往返测试项目"})
    sheet = book_of(response).active
    assert_bureau_layout(sheet, title="重庆市项目台账", unit="万元、万美元")
    columns = header(sheet)
    (row,) = records(sheet)
    assert row[columns.index("合同投资额（万元）")] == pytest.approx(12345.6789)
    assert row[columns.index("实际使用外资（万美元）")] == pytest.approx(765.4321)
    export = BytesIO(response.content)
    export.name = "导出.xlsx"
    report = admin_client.post(reverse("imports:projects"), {"file": export}).context["report"]
    assert (report.created, report.changed, report.unchanged, report.errors) == (0, 0, 1, [])
    # An edited amount is read in the header's unit (万元), the dollars in 万美元.
    book = book_of(admin_client.get(reverse("imports:projects_export"), {"q": "往返测试项目"}))
    book.active.cell(row=HEADER_ROW + 1, column=columns.index("合同投资额（万元）") + 1, value=20000)
    book.active.cell(row=HEADER_ROW + 1, column=columns.index("实际使用外资（万美元）") + 1, value=12.5)
    edited = BytesIO()
    book.save(edited)
    edited.seek(0)
    edited.name = "改.xlsx"
    report = admin_client.post(reverse("imports:projects"), {"file": edited}).context["report"]
    assert (report.changed, report.errors) == (1, [])
    project.refresh_from_db()
    assert (project.contract_investment, project.foreign_capital_usd) == (200_000_000, 125_000)
    assert project.fixed_asset_investment == 50_000_001
