"""The import page through the test client: upload → preview → confirm, column mapping, templates, and
exports that respect the user's districts and the ledger's filters."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.records.imports_support import PROJECT_HEADERS, make_uscc, workbook
from tests.workbook_layout import records
from zhaoshang.projects.models import Project
from zhaoshang.records.imports import staging

pytestmark = pytest.mark.django_db

ROWS = [
    [
        "东城页面项目",
        "东城区",
        "东城页面企业有限公司",
        make_uscc(21),
        "3670",
        "是",
        "2.5亿",
        "签约",
        "2022-03-01",
    ],
    ["东城页面项目二", "110101", "", "", "", "否", 800, "签约", "2022/4/1"],
]


@pytest.fixture
def client_of(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_an_upload_is_previewed_then_confirmed_without_uploading_again(
    client_of, dc_admin, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_of(dc_admin)
    response = client.post(
        reverse("imports:projects"), {"file": workbook(PROJECT_HEADERS, ROWS), "dry_run": "on"}
    )
    html = response.content.decode()
    assert "试导入（未写入）：将新增 2 条" in html and 'data-testid="confirm"' in html
    assert not Project.objects.filter(name__startswith="东城页面项目").exists()
    token = response.context["token"]
    response = client.post(reverse("imports:projects"), {"token": token})
    assert "已导入：新增 2 条" in response.content.decode()
    assert Project.objects.filter(name__startswith="东城页面项目", region__code="110101").count() == 2
    assert staging.staged(client.session, "projects", token) is None  # the staged file is gone


def test_errors_are_listed_by_row_column_value_and_reason(client_of, dc_admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    rows = [ROWS[0], ["坏行", "火星区", "", "", "", "否", "abc", "签约", "2022-13-01"]]
    response = client_of(dc_admin).post(
        reverse("imports:projects"), {"file": workbook(PROJECT_HEADERS, rows)}
    )
    errors = [(e.row, e.column, e.value) for e in response.context["report"].errors]
    assert errors == [(3, "合同投资额", "abc"), (3, "签约日期", "2022-13-01")]
    html = response.content.decode()
    assert "导入未执行" in html and "无法识别的金额" in html and "日期“2022-13-01”不存在" in html
    assert 'data-testid="confirm"' not in html and not Project.objects.filter(name="东城页面项目").exists()


def test_the_mapping_form_maps_an_unknown_header(client_of, dc_admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_of(dc_admin)
    headers = ["工程", *PROJECT_HEADERS[1:]]
    response = client.post(reverse("imports:projects"), {"file": workbook(headers, ROWS), "dry_run": "on"})
    assert "缺少必需的列“项目名称”" in response.content.decode()
    token = response.context["token"]
    response = client.post(
        reverse("imports:projects"), {"token": token, "map-0": "项目名称", "dry_run": "on"}
    )
    assert response.context["report"].ok and response.context["report"].created == 2


def test_the_template_has_the_chinese_headers(client_of, dc_admin):
    response = client_of(dc_admin).get(reverse("imports:projects_template"))
    sheet = load_workbook(BytesIO(response.content)).active
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["项目编号", "项目名称", "区县"] and {
        "合同投资额",
        "阶段",
        "签约日期",
        "重点项目",
    } <= set(headers)


def test_a_leader_may_not_import_but_sees_the_index(client_of, dc_leader):
    client = client_of(dc_leader)
    assert client.get(reverse("imports:projects")).status_code == 403
    assert client.get(reverse("imports:index")).status_code == 200


def test_the_ledger_export_is_scoped_filtered_and_imports_back_unchanged(
    client_of, admin_user, dc_admin, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client_of(admin_user).post(reverse("imports:projects"), {"file": workbook(PROJECT_HEADERS, ROWS)})
    client = client_of(dc_admin)
    response = client.get(reverse("imports:projects_export"))
    rows = records(load_workbook(BytesIO(response.content)).active)
    assert {r[1] for r in rows} == {"东城页面项目", "东城页面项目二"}  # none of Chongqing's demo ledger
    response = client.get(reverse("imports:projects_export"), {"is_key": "true"})
    assert [r[1] for r in records(load_workbook(BytesIO(response.content)).active)] == ["东城页面项目"]
    export = BytesIO(client.get(reverse("imports:projects_export")).content)
    export.name = "导出.xlsx"
    report = client.post(reverse("imports:projects"), {"file": export}).context["report"]
    assert (report.created, report.changed, report.unchanged, report.errors) == (0, 0, 2, [])


def test_the_export_needs_the_export_permission(client_of, dc_admin):
    from django.contrib.auth.models import Group

    for group in Group.objects.all():
        dc_admin.groups.remove(group)
    assert client_of(dc_admin).get(reverse("imports:projects_export")).status_code == 403


def test_the_targets_page_uses_the_same_engine(client_of, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = workbook(
        ["区划", "年度", "指标", "口径", "目标层级", "目标值"],
        [["东城区", 2024, "签约项目数", "", "区级目标", 30]],
    )
    response = client_of(admin_user).post(reverse("targets:import"), {"file": upload})
    assert "已导入：新增 1 条" in response.content.decode()


def test_the_ledger_links_to_its_export_with_the_same_filters(client_of, dc_admin):
    html = client_of(dc_admin).get(reverse("projects:list"), {"is_key": "true", "page": "2"}).content.decode()
    assert 'href="/imports/projects/export.xlsx?is_key=true"' in html


# --- staged files (issue 14, defect 20) ------------------------------------------------------------------


def test_a_staged_file_is_readable_by_the_servers_user_only(client_of, dc_admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_of(dc_admin)
    response = client.post(
        reverse("imports:projects"), {"file": workbook(PROJECT_HEADERS, ROWS), "dry_run": "on"}
    )
    path, _name = staging.staged(client.session, "projects", response.context["token"])
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o077 == 0


def test_a_dry_run_with_errors_keeps_no_staged_file(client_of, dc_admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_of(dc_admin)
    bad = [["东城错误项目", "110101", "", "", "", "否", "不是金额", "签约", "2022-03-01"]]
    response = client.post(
        reverse("imports:projects"), {"file": workbook(PROJECT_HEADERS, bad), "dry_run": "on"}
    )
    assert response.context["report"].errors
    assert not list((tmp_path / "imports").iterdir())


def test_a_file_left_after_a_clean_dry_run_is_removed_after_an_hour(client_of, dc_admin, settings, tmp_path):
    import os
    import time

    settings.MEDIA_ROOT = tmp_path
    client = client_of(dc_admin)
    response = client.post(
        reverse("imports:projects"), {"file": workbook(PROJECT_HEADERS, ROWS), "dry_run": "on"}
    )
    token = response.context["token"]
    path, _name = staging.staged(client.session, "projects", token)
    an_hour_ago = time.time() - staging.MAX_AGE - 1
    os.utime(path, (an_hour_ago, an_hour_ago))
    assert staging.MAX_AGE <= 3600
    assert staging.staged(client.session, "projects", token) is None and not path.exists()
