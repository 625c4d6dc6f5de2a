"""The unit path of scoping (accounts/scoping.py): a unit user sees the rows assigned to their own live unit
and nothing of any model registered without a unit path; everyone else is scoped by region as before."""

from __future__ import annotations

import pytest

from tests.factories import ProjectFactory, RegionFactory, UserFactory
from tests.units.factories import UnitFactory, unit_user
from zhaoshang.accounts.models import Role
from zhaoshang.accounts.permissions import acts_for_unit, can_manage_units, can_view
from zhaoshang.accounts.scoping import for_user, reach_of, unit_id_of
from zhaoshang.projects.models import Project
from zhaoshang.units.membership import heads, is_member, members, unit_of
from zhaoshang.units.models import ResponsibleUnit, UnitMember

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def district():
    return RegionFactory()


@pytest.fixture
def fgw(district):
    return UnitFactory(region=district, name="区发改委")


@pytest.fixture
def jxw(district):
    return UnitFactory(region=district, name="区经信委")


def test_a_unit_user_sees_their_own_unit_and_no_sibling(fgw, jxw):
    user = unit_user(fgw, "fgw1")
    assert list(for_user(ResponsibleUnit.objects.all(), user)) == [fgw]
    assert unit_of(user) == fgw and unit_id_of(user) == fgw.pk


def test_a_unit_user_sees_the_members_of_their_unit_only(fgw, jxw):
    user = unit_user(fgw, "fgw1", is_head=True)
    unit_user(jxw, "jxw1")
    assert [m.user for m in for_user(UnitMember.objects.all(), user)] == [user]


def test_a_unit_user_sees_nothing_of_the_ledger_of_their_own_district(fgw, district):
    project = ProjectFactory(region=district)
    user = unit_user(fgw, "fgw1")
    assert for_user(Project.objects.all(), user).count() == 0
    assert reach_of(user).is_empty and not can_view(user, project)


def test_the_district_admin_sees_every_unit_of_the_district_and_none_elsewhere(fgw, jxw, district):
    elsewhere = UnitFactory(region=RegionFactory())
    admin = UserFactory(role=Role.DISTRICT_ADMIN, region=district)
    assert set(for_user(ResponsibleUnit.objects.all(), admin)) == {fgw, jxw}
    assert elsewhere not in for_user(ResponsibleUnit.objects.all(), admin)


@pytest.mark.parametrize("change", ["inactive", "deleted", "left"])
def test_a_unit_user_of_an_inactive_or_deleted_unit_or_without_one_sees_nothing(fgw, change):
    user = unit_user(fgw, "fgw1")
    if change == "inactive":
        ResponsibleUnit.objects.filter(pk=fgw.pk).update(is_active=False)
    elif change == "deleted":
        fgw.soft_delete(None, "撤并")
    else:
        UnitMember.objects.filter(user=user).delete()
    assert unit_of(user) is None
    assert for_user(ResponsibleUnit.all_objects.all(), user).count() == 0


def test_a_member_who_is_not_a_unit_user_acts_for_no_unit(fgw):
    officer = UserFactory(role=Role.OFFICER, region=fgw.region)
    UnitMember.objects.create(unit=fgw, user=officer)  # bypassing the rules: still no unit path for them
    assert unit_id_of(officer) is None and not is_member(officer, fgw)
    assert for_user(ResponsibleUnit.objects.all(), officer).count() == 1  # by region, as an officer


def test_acting_for_a_unit_is_asked_of_the_unit_id(fgw, jxw):
    user = unit_user(fgw, "fgw1")
    assert acts_for_unit(user, fgw.pk) and not acts_for_unit(user, jxw.pk) and not acts_for_unit(user, None)
    assert is_member(user, fgw) and is_member(user, fgw.pk) and not is_member(user, jxw)


def test_heads_and_members_of_a_unit(fgw):
    head = unit_user(fgw, "fgw_head", is_head=True)
    clerk = unit_user(fgw, "fgw_clerk")
    assert list(members(fgw)) == [head, clerk] and list(heads(fgw)) == [head]


def test_managing_units_is_for_administrators_within_reach(district):
    other = RegionFactory()
    admin = UserFactory(role=Role.DISTRICT_ADMIN, region=district)
    assert can_manage_units(admin, district) and not can_manage_units(admin, other)
    for role in (Role.OFFICER, Role.LEADER, Role.UNIT):
        assert not can_manage_units(UserFactory(role=role, region=district))
