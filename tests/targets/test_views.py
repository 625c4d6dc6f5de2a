"""The cockpit, the rollup, the targets pages and their exports through the test client."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.workbook_layout import header, records
from zhaoshang.projects.models import Project, Stage
from zhaoshang.regions.models import Region
from zhaoshang.targets.models import Target

pytestmark = pytest.mark.django_db
SPB = {"region": "500106", "period": "2022H1"}


def test_the_cockpit_writes_the_article_figures(admin_client):
    html = admin_client.get(reverse("targets:cockpit"), SPB).content.decode()
    for text in ("50", "超320亿元", "122亿元", "近40%", "109%", "提前完成全年目标"):
        assert text in html, text
    assert "vendor/echarts/echarts.min.js" in html and "cdn" not in html.lower()


def test_the_charts_words_come_translated_from_the_template(admin_client):
    html = admin_client.get(reverse("targets:cockpit"), SPB).content.decode()
    assert 'data-actual="合同投资额累计"' in html and 'data-pace-manufacturing="制造业目标进度"' in html
    assert 'data-series="合同投资额"' in html and 'data-unit="亿元"' in html


def test_every_kpi_links_to_the_ledger_rows_behind_it(admin_client):
    html = admin_client.get(reverse("targets:cockpit"), SPB).content.decode()
    link = re.search(r'href="([^"]+)" data-testid="kpi-manufacturing_contract_investment"', html).group(1)
    ledger = admin_client.get(link.replace("&amp;", "&")).content.decode()
    assert 'data-testid="total-count">18<' in ledger and 'data-testid="total-amount">122.00<' in ledger


def test_a_bad_period_falls_back_with_a_chinese_message(admin_client):
    response = admin_client.get(
        reverse("targets:cockpit"), {"region": "500106", "period": "2022Q9"}, follow=True
    )
    assert "无法识别的期间" in response.content.decode()


def read(response) -> Workbook:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


def test_the_cockpit_export_equals_the_page(admin_client):
    wb = read(admin_client.get(reverse("targets:cockpit_export"), SPB))
    ws = wb["考核指标"]
    assert header(ws)[:3] == ["指标", "单位", "本期"]
    rows = {r[0]: r for r in records(ws)}
    assert rows["签约项目数"][2] == 50
    assert rows["合同投资额"][2] == 320.5 and rows["制造业合同投资额"][2] == 122.0
    assert rows["制造业合同投资额"][4] == 112.0 and rows["制造业合同投资额"][6] == pytest.approx(1.0893)
    assert rows["制造业合同投资额"][9] == "是"
    assert {"产业方向", "重点项目"} <= set(wb.sheetnames)


def test_the_monthly_table_adds_up_to_the_half(admin_client):
    ws = read(admin_client.get(reverse("targets:monthly_export"), SPB))["月度统计表"]
    rows = [r for r in records(ws) if r[0] and str(r[0]).endswith("月")]
    assert len(rows) == 6
    assert sum(r[1] for r in rows) == rows[-1][2] == 50
    assert rows[-1][6] == 122.0


def test_the_rollup_ranks_all_38_districts_with_a_city_total(admin_client):
    response = admin_client.get(reverse("targets:rollup"), {"city": "500000", "period": "2022H1"})
    html = response.content.decode()
    assert html.count("data-region=") == 38 and "重庆市合计" in html
    spb_row = re.search(r'data-region="500106">(.*?)</tr>', html, re.S).group(1)
    assert "50</a>" in spb_row and "320.50" in spb_row


def test_the_rollup_export_equals_the_page(admin_client):
    params = {"city": "500000", "period": "2022H1", "metric": "contract_investment", "sort": "amount"}
    ws = read(admin_client.get(reverse("targets:rollup_export"), params))["区县排名"]
    rows = records(ws)
    assert len(rows) == 39 and rows[-1][1] == "重庆市合计"
    amounts = [r[3] for r in rows[:-1]]
    assert amounts == sorted(amounts, reverse=True)
    assert rows[-1][3] == pytest.approx(sum(amounts), abs=0.05)
    spb = next(r for r in rows if r[1] == "沙坪坝区")
    assert spb[2] == 50 and spb[3] == 320.5


def add_projects(n: int) -> None:
    region = Region.objects.get(code="500106")
    Project.objects.bulk_create(
        [
            Project(
                name=f"加量{i}",
                region=region,
                stage=Stage.SIGNED,
                signed_on=date(2022, 1 + i % 6, 1 + i % 27),
                contract_investment=10**8 + i,
                is_key=True,
            )
            for i in range(n)
        ]
    )


@pytest.mark.parametrize("url", ["targets:cockpit", "targets:rollup", "projects:list"])
def test_pages_issue_the_same_number_of_queries_as_the_ledger_grows(admin_client, url):
    params = SPB | {"city": "500000"}
    admin_client.get(reverse(url), params)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as small:
        admin_client.get(reverse(url), params)
    add_projects(300)
    with CaptureQueriesContext(connection) as large:
        admin_client.get(reverse(url), params)
    assert len(large) == len(small), (len(small), len(large))


def test_a_target_is_created_in_the_browser_form_from_chinese_amounts(admin_client):
    response = admin_client.post(
        reverse("targets:create"),
        {
            "region": Region.objects.get(code="500107").pk,
            "year": 2023,
            "metric": "contract_investment",
            "scope": "",
            "level": "district",
            "value": "300亿",
        },
    )
    assert response.status_code == 302
    assert Target.objects.get(region__code="500107", year=2023).value == 30_000_000_000


def test_the_decomposition_shows_whether_district_targets_add_up(admin_client):
    city = Region.objects.get(code="500000")
    parts = sum(
        t.value
        for t in Target.objects.filter(
            region__parent=city, year=2022, metric="signed_projects", level="municipal"
        )
    )
    Target.objects.create(
        region=city, year=2022, metric="signed_projects", level="municipal", value=parts + 10
    )
    html = admin_client.get(reverse("targets:list"), {"year": 2022}).content.decode()
    assert "目标分解" in html and "未分解到位" in html


def sheet(rows: list[list]) -> BytesIO:
    wb = Workbook()
    wb.active.append(["区划", "年度", "指标", "口径", "目标层级", "目标值"])
    for row in rows:
        wb.active.append(row)
    buffer = BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "targets.xlsx"
    return buffer


def test_an_import_with_bad_rows_reports_each_and_writes_nothing(admin_client):
    before = Target.objects.count()
    upload = sheet(
        [
            ["九龙坡区", 2023, "合同投资额", "", "市级任务", "400亿"],
            ["火星区", 2023, "合同投资额", "", "市级任务", "1"],
            ["500107", 2023, "签约项目数", "", "市级任务", "abc"],
            ["500107", 1899, "不存在的指标", "", "省级", "1"],
        ]
    )
    response = admin_client.post(reverse("targets:import"), {"file": upload, "dry_run": ""})
    html = response.content.decode()
    assert "导入未执行" in html and "找不到该区划" in html and "无法识别" in html and "未知指标" in html
    assert Target.objects.count() == before


def test_an_import_is_idempotent(admin_client):
    rows = [
        ["九龙坡区", 2023, "合同投资额", "", "市级任务", "400亿"],
        ["500107", 2023, "签约项目数", "", "区级目标", 80],
    ]
    admin_client.post(reverse("targets:import"), {"file": sheet(rows), "dry_run": ""})
    assert (
        Target.objects.get(region__code="500107", year=2023, metric="contract_investment").value == 4 * 10**10
    )
    count = Target.objects.count()
    response = admin_client.post(reverse("targets:import"), {"file": sheet(rows), "dry_run": ""}, follow=True)
    assert Target.objects.count() == count and "新增 0 条，更新 0 条" in response.content.decode()


def test_a_duplicate_target_from_the_form_is_a_chinese_form_error(admin_client):
    # Issue 14 item 14: the unique key was an IntegrityError (500); now the form says so.
    data = {
        "region": Region.objects.get(code="500107").pk,
        "year": 2024,
        "metric": "contract_investment",
        "scope": "",
        "level": "district",
        "value": "300亿",
    }
    assert admin_client.post(reverse("targets:create"), data).status_code == 302
    response = admin_client.post(reverse("targets:create"), data | {"value": "400亿"})
    assert response.status_code == 200 and "目标已存在" in response.content.decode()
    assert (
        Target.objects.get(region__code="500107", year=2024, metric="contract_investment").value
        == 30_000_000_000
    )
