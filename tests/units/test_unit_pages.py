"""The responsible-unit pages through HTTP: a district administrator creates, edits, staffs, exports and
deletes units; a unit user lands on 本单位 and is refused every page of the ledger."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import ProjectFactory, RegionFactory, UserFactory
from tests.units.factories import UnitFactory, unit_user
from zhaoshang.accounts.models import Role, User
from zhaoshang.units.models import ResponsibleUnit, UnitMember

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def district():
    return RegionFactory()


@pytest.fixture
def admin(district):
    return UserFactory(role=Role.DISTRICT_ADMIN, region=district)


@pytest.fixture
def admin_client_(client, admin):
    client.force_login(admin)
    return client


def _create(client, district, **over):
    data = {
        "region": district.pk,
        "name": "区发改委",
        "short_name": "发改委",
        "kind": "development",
        "is_active": "on",
    }
    return client.post(reverse("units:create"), data | over)


def test_an_administrator_creates_a_unit_and_sees_it_in_the_list(admin_client_, district):
    response = _create(admin_client_, district)
    unit = ResponsibleUnit.objects.get(region=district)
    assert response.status_code == 302 and response["Location"] == unit.get_absolute_url()
    assert (unit.region, unit.name, unit.kind, unit.is_active) == (district, "区发改委", "development", True)
    listing = admin_client_.get(reverse("units:list")).content.decode()
    assert "区发改委" in listing and "新建责任单位" in listing


def test_a_second_unit_of_the_same_name_is_refused_in_chinese(admin_client_, district):
    _create(admin_client_, district)
    response = _create(admin_client_, district)
    assert response.status_code == 200 and "本区划已有同名的责任单位" in response.content.decode()
    assert ResponsibleUnit.objects.filter(region=district).count() == 1


def test_the_same_name_is_fine_in_another_district(admin_client_, district):
    UnitFactory(region=RegionFactory(), name="区发改委")
    assert _create(admin_client_, district).status_code == 302


def test_a_unit_cannot_be_created_in_a_district_out_of_reach(admin_client_):
    other = RegionFactory()
    assert _create(admin_client_, other).status_code == 403
    assert not ResponsibleUnit.objects.filter(region=other).exists()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.LEADER])
def test_officers_and_leaders_read_the_list_but_may_not_create(client, district, role):
    UnitFactory(region=district, name="区税务局")
    client.force_login(UserFactory(role=role, region=district))
    listing = client.get(reverse("units:list")).content.decode()
    assert "区税务局" in listing and "新建责任单位" not in listing
    assert _create(client, district).status_code == 403


def test_editing_a_unit_is_recorded_in_its_history(admin_client_, district, admin):
    unit = UnitFactory(region=district, name="区规资局")
    data = {"name": "区规划自然资源局", "short_name": "规资局", "kind": "planning"}
    assert admin_client_.post(reverse("units:edit", args=[unit.pk]), data).status_code == 302
    unit.refresh_from_db()
    assert (unit.name, unit.kind, unit.is_active) == ("区规划自然资源局", "planning", False)
    history = admin_client_.get(reverse("history:unit", args=[unit.pk])).content.decode()
    assert "区规资局" in history and "区规划自然资源局" in history and str(admin) in history


def test_an_administrator_creates_a_unit_user_who_must_change_the_password(admin_client_, district):
    unit = UnitFactory(region=district)
    data = {
        "form": "new",
        "username": "fgw_li",
        "full_name": "李四",
        "password": "Unit-user-2026!",
        "is_head": "on",
    }
    response = admin_client_.post(reverse("units:member_add", args=[unit.pk]), data)
    assert response.status_code == 302
    user = User.objects.get(username="fgw_li")
    assert (user.role, user.region, user.must_change_password) == (Role.UNIT, district, True)
    assert user.check_password("Unit-user-2026!") and UnitMember.objects.get(user=user).is_head


def test_a_weak_password_or_a_taken_username_is_refused(admin_client_, district):
    unit = UnitFactory(region=district)
    UserFactory(username="taken")
    data = {"form": "new", "username": "taken", "password": "123"}
    response = admin_client_.post(reverse("units:member_add", args=[unit.pk]), data)
    body = response.content.decode()
    assert response.status_code == 400 and "用户名“taken”已被使用" in body and "密码" in body
    assert not UnitMember.objects.filter(unit=unit).exists()


def test_an_existing_unit_account_is_added_and_removed(admin_client_, district):
    unit = UnitFactory(region=district)
    account = UserFactory(role=Role.UNIT, region=district, username="jd_wang")
    url = reverse("units:member_add", args=[unit.pk])
    assert admin_client_.post(url, {"form": "member", "user": account.pk}).status_code == 302
    member = UnitMember.objects.get(user=account)
    remove = reverse("units:member_remove", args=[unit.pk, member.pk])
    assert admin_client_.post(remove).status_code == 302
    assert not UnitMember.objects.filter(unit=unit).exists() and User.objects.filter(pk=account.pk).exists()


def test_an_officer_cannot_be_made_a_member(admin_client_, district):
    unit = UnitFactory(region=district)
    officer = UserFactory(role=Role.OFFICER, region=district)
    response = admin_client_.post(
        reverse("units:member_add", args=[unit.pk]), {"form": "member", "user": officer.pk}
    )
    assert response.status_code == 400 and not UnitMember.objects.filter(unit=unit).exists()


def test_the_list_exports_to_excel(admin_client_, district):
    unit = UnitFactory(region=district, name="=HYPERLINK(1)", short_name="x")
    unit_user(unit, "head1", is_head=True)
    response = admin_client_.get(reverse("units:export"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("区划代码", "区划", "单位名称")
    assert rows[1][2] == "=HYPERLINK(1)" and rows[1][4] == "发改" and rows[1][6] == 1
    assert sheet.cell(2, 3).data_type == "s"  # text, not a formula


def test_a_deleted_unit_goes_to_the_recycle_bin_and_comes_back(admin_client_, district):
    unit = UnitFactory(region=district, name="区应急局")
    response = admin_client_.post(reverse("units:delete", args=[unit.pk]), {"reason": "机构改革"})
    assert response.status_code == 302 and not ResponsibleUnit.objects.filter(region=district).exists()
    trash = admin_client_.get(reverse("trash:index")).content.decode()
    assert "区应急局" in trash and "机构改革" in trash
    admin_client_.post(reverse("trash:restore", args=["unit", unit.pk]), {})
    assert ResponsibleUnit.objects.filter(pk=unit.pk).exists()


def test_a_unit_user_lands_on_their_unit_after_log_in(client, district):
    unit = UnitFactory(region=district, name="区发改委")
    user = unit_user(unit, "fgw1")
    user.set_password("Unit-user-2026!")
    user.save()
    response = client.post(reverse("login"), {"username": "fgw1", "password": "Unit-user-2026!"})
    assert response.status_code == 302 and response["Location"] == reverse("units:mine")
    page = client.get(reverse("units:mine")).content.decode()
    assert "区发改委" in page and "项目台账" not in page  # the navigation offers only their pages
    assert client.get("/")["Location"] == reverse("units:mine")


@pytest.mark.parametrize(
    "name", ["projects:list", "leads:list", "targets:cockpit", "targeting:page", "intake:list", "units:list"]
)
def test_a_unit_user_is_refused_the_pages_of_the_bureau(client, district, name):
    ProjectFactory(region=district)
    client.force_login(unit_user(UnitFactory(region=district), "fgw1"))
    response = client.get(reverse(name))
    assert (
        response.status_code == 403
        and "责任单位账号只能查看和办理交办给本单位的事项" in response.content.decode()
    )


def test_a_unit_user_without_a_unit_is_told_so(client, district):
    client.force_login(UserFactory(role=Role.UNIT, region=district))
    assert "尚未加入任何责任单位" in client.get(reverse("units:mine")).content.decode()
