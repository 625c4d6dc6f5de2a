"""/accounts/permissions/: the roles × actions table, computed from the permission functions."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from openpyxl import load_workbook

from tests.accounts.world import marker
from tests.workbook_layout import assert_bureau_layout, header, records
from zhaoshang.accounts.matrix import ACTIONS, role_rows
from zhaoshang.accounts.models import Role
from zhaoshang.accounts.roles import group_name

pytestmark = pytest.mark.django_db

YES, NO = True, False
EXPECTED = {  # view, view other, create, edit own, edit district, edit other, export, 区级目标, 市级任务, admin, delete,
    # a colleague's confidential project in full; then leads: register, own, a colleague's; merge enterprises;
    # manage responsible units; group robots and the outbox
    "市级管理员": [YES, YES, YES, YES, YES, YES, YES, YES, YES, NO, YES, NO, YES, YES, YES, YES, YES, YES],
    "区县管理员": [YES, NO, YES, YES, YES, NO, YES, YES, NO, NO, YES, YES, YES, YES, YES, YES, YES, YES],
    "招商专员": [YES, NO, YES, YES, NO, NO, YES, NO, NO, NO, NO, NO, YES, YES, NO, NO, NO, NO],
    "领导": [YES, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO],
    "责任单位": [NO] * 18,  # nothing of the ledger: only what is assigned to its unit
    "超级管理员": [YES] * 18,
}


def test_the_role_rows_say_what_design_md_says():
    rows = {row.label: row.flags for row in role_rows()}
    assert [a.key for a in ACTIONS][:3] == ["view_ledger", "view_other", "create_project"]
    assert rows == EXPECTED


def test_the_table_follows_the_permissions_granted_not_a_written_copy():
    Group.objects.get(name=group_name(Role.LEADER)).permissions.add(
        Permission.objects.get(codename="export_data")
    )
    leader = next(row for row in role_rows() if row.label == "领导")
    assert leader.cells["export"] is True


def test_the_page_lists_roles_and_the_users_in_scope(client, world):
    client.force_login(world["500106"].admin)
    html = client.get(reverse("accounts:permissions")).content.decode()
    assert "权限矩阵" in html and "区县管理员" in html and "编辑本区县任意项目" in html
    assert marker("500106") in html and marker("500107") not in html  # users of the district only


@pytest.mark.parametrize(
    ("name", "reader"), [("accounts:permissions_xlsx", "xlsx"), ("accounts:permissions_csv", "csv")]
)
def test_the_matrix_exports_for_audit(client, world, name, reader):
    client.force_login(world["500106"].admin)
    response = client.get(reverse(name))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    if reader == "xlsx":
        book = load_workbook(io.BytesIO(response.content))
        sheet = book["角色权限"]
        assert_bureau_layout(sheet, title="权限矩阵 · 角色权限")
        rows = records(sheet)
        assert header(sheet)[0] == "角色/用户" and [r[0] for r in rows] == list(EXPECTED)
        assert rows[2][2:] == tuple("✓" if v else "✗" for v in EXPECTED["招商专员"])
    else:
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert lines[0][:2] == ["类别", "角色/用户"] and any(line[1] == "领导" for line in lines)


def test_a_leader_may_not_export_the_matrix(client, world):
    client.force_login(world["500106"].leader)
    assert client.get(reverse("accounts:permissions")).status_code == 200
    assert client.get(reverse("accounts:permissions_xlsx")).status_code == 403
