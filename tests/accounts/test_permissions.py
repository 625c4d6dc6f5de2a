"""accounts/permissions.py: edit, create, export and target rights per role."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from zhaoshang.accounts.models import Role, User
from zhaoshang.accounts.permissions import (
    can_administer,
    can_create_project,
    can_edit_project,
    can_export,
    can_manage_targets,
)
from zhaoshang.accounts.roles import group_name

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The user as a new request would load it (permission caches empty)."""
    return User.objects.get(pk=user.pk)


def test_a_district_admin_edits_any_project_of_the_district_and_none_elsewhere(world):
    admin = world["500106"].admin
    assert can_edit_project(admin, world["500106"].project)  # owned by the officer
    assert not can_edit_project(admin, world["500107"].project)


def test_an_officer_edits_only_the_projects_they_own(world):
    officer = world["500106"].officer
    assert can_edit_project(officer, world["500106"].project)
    assert not can_edit_project(officer, world["500106"].colleague_project)
    assert not can_edit_project(world["500107"].officer, world["500106"].project)


def test_a_leader_never_edits_or_creates(world):
    leader = world["500106"].leader
    assert not can_edit_project(leader, world["500106"].project)
    assert not can_create_project(leader)


def test_a_city_admin_edits_any_project_of_the_city(world):
    city = world.users["cq_city"]
    assert can_edit_project(city, world["500106"].project) and can_edit_project(city, world["500107"].project)
    assert not can_edit_project(world.users["cd_city"], world["500106"].project)


def test_projects_are_created_only_within_reach(world):
    officer = world["500106"].officer
    assert can_create_project(officer, world["500106"].region)
    assert not can_create_project(officer, world["500107"].region)
    assert not can_create_project(world.users["no_region"])


def test_export_comes_from_the_role_group_and_leaders_lack_it(world):
    assert can_export(fresh(world["500106"].officer)) and can_export(fresh(world["500106"].admin))
    assert not can_export(fresh(world["500106"].leader))
    assert world["500106"].leader.groups.filter(name=group_name(Role.LEADER)).exists()


def test_a_leader_exports_once_granted(world):
    leader = world["500106"].leader
    leader.user_permissions.add(Permission.objects.get(codename="export_data"))
    assert can_export(fresh(leader))


def test_taking_export_from_a_role_group_takes_it_from_its_users(world):
    Group.objects.get(name=group_name(Role.OFFICER)).permissions.clear()
    assert not can_export(fresh(world["500106"].officer))


def test_changing_a_role_moves_the_user_to_the_new_role_group(world):
    officer = world["500106"].officer
    officer.role = Role.LEADER
    officer.save()
    assert list(officer.groups.values_list("name", flat=True)) == [group_name(Role.LEADER)]
    assert not can_export(fresh(officer))


def test_targets_the_city_sets_municipal_tasks_a_district_its_own_targets(world):
    spb = world["500106"].region
    assert can_manage_targets(world.users["cq_city"], spb, "municipal")
    assert can_manage_targets(world["500106"].admin, spb, "district")
    assert not can_manage_targets(world["500106"].admin, spb, "municipal")
    assert not can_manage_targets(world["500106"].admin, world["500107"].region, "district")
    assert not can_manage_targets(world["500106"].officer, spb, "district")
    assert not can_manage_targets(world["500106"].leader, spb, "district")


def test_only_staff_with_user_rights_administer(world):
    assert can_administer(world.users["admin"])
    assert not can_administer(world.users["cq_city"])


def test_only_administrators_within_reach_delete_and_restore(world):
    from zhaoshang.accounts.permissions import can_delete

    ours, theirs = world["500106"].project, world["500107"].project
    assert can_delete(world["500106"].admin, ours) and not can_delete(world["500106"].admin, theirs)
    assert can_delete(world.users["cq_city"], theirs) and not can_delete(world.users["cd_city"], theirs)
    assert can_delete(world.users["admin"], theirs)
    assert not can_delete(world["500106"].officer, ours)  # even the project's owner
    assert not can_delete(world["500106"].leader, ours)
    assert can_delete(world["500106"].admin, world["500106"].target)  # a 区级目标 of the district
