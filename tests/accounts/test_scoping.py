"""accounts/scoping.py: who reaches which regions, and every registered model filtered by it."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from zhaoshang.accounts.models import Role, User
from zhaoshang.accounts.scoping import (
    EVERYTHING,
    NOTHING,
    SCOPES,
    Reach,
    for_user,
    reach_for,
    reach_of,
    scope_enterprises,
    scope_projects,
    scope_targets,
    subtree_prefix,
    visible_regions,
)
from zhaoshang.core.models import SiteFlag
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.projects.models import Project
from zhaoshang.regions.models import Region
from zhaoshang.targets.models import Target

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("code", "prefix"), [("500000", "50"), ("510100", "5101"), ("500106", "500106")])
def test_a_region_reaches_everything_below_it_by_code_prefix(code, prefix):
    assert subtree_prefix(code) == prefix


@pytest.mark.parametrize(
    ("role", "code", "expected"),
    [
        (Role.CITY_ADMIN, "500000", Reach(prefix="50")),
        (Role.LEADER, "500000", Reach(prefix="50")),
        (Role.LEADER, "500106", Reach(prefix="500106")),
        (Role.DISTRICT_ADMIN, "500106", Reach(prefix="500106")),
        (Role.OFFICER, "500106", Reach(prefix="500106")),
        (Role.DISTRICT_ADMIN, "500000", Reach(prefix="500000")),
        (Role.OFFICER, None, NOTHING),
    ],
)
def test_city_roles_reach_their_city_and_district_roles_only_their_own_region(role, code, expected):
    assert reach_for(role, code) == expected


def test_a_superuser_reaches_everything_and_an_inactive_user_nothing(world):
    assert reach_of(world.users["admin"]) == EVERYTHING
    officer = world["500106"].officer
    officer.is_active = False
    assert reach_of(officer) == NOTHING


def test_covers_and_the_database_filter_agree_on_every_region(world):
    """The pure check (for objects) and the query (for querysets) are one rule."""
    for reach in (Reach(prefix="50"), Reach(prefix="5101"), Reach(prefix="500106"), NOTHING, EVERYTHING):
        in_db = set(Region.objects.filter(reach.q("")).values_list("code", flat=True))
        by_rule = {code for code in Region.objects.values_list("code", flat=True) if reach.covers(code)}
        assert in_db == by_rule


def test_a_district_officer_sees_only_the_projects_of_the_district(world):
    rows = scope_projects(Project.objects.all(), world["500106"].officer)
    assert set(rows.values_list("region__code", flat=True)) == {"500106"}
    assert rows.count() == Project.objects.filter(region__code="500106").count()


def test_a_city_admin_sees_every_district_of_the_city_but_not_another_city(world):
    assert (
        scope_projects(Project.objects.all(), world.users["cq_city"]).count()
        == Project.objects.filter(region__code__startswith="50").count()
    )
    assert not scope_projects(Project.objects.all(), world.users["cd_city"]).exists()


def test_a_user_without_a_region_sees_nothing(world):
    nobody = world.users["no_region"]
    assert not visible_regions(nobody).exists()
    assert not scope_projects(Project.objects.all(), nobody).exists()
    assert not scope_targets(Target.objects.all(), nobody).exists()


def test_enterprises_are_those_of_the_district_or_that_it_deals_with(world):
    rows = scope_enterprises(Enterprise.objects.all(), world["500106"].admin)
    assert rows.filter(pk=world["500106"].enterprise.pk).exists()
    assert not rows.filter(pk=world["500107"].enterprise.pk).exists()
    investor = world["500107"].enterprise
    world["500106"].project.investors.add(investor)  # 九龙坡's firm invests in a 沙坪坝 project
    assert rows.filter(pk=investor.pk).exists()


def test_targets_and_users_are_scoped_by_their_region(world):
    officer = world["500106"].officer
    assert set(scope_targets(Target.objects.all(), officer).values_list("region__code", flat=True)) == {
        "500106"
    }
    assert set(for_user(User.objects.all(), officer).values_list("region__code", flat=True)) == {"500106"}


def test_an_unregistered_model_is_refused_rather_than_leaked(world):
    with pytest.raises(ImproperlyConfigured, match="register it"):
        for_user(SiteFlag.objects.all(), world.users["admin"])


def test_every_model_with_a_region_is_registered():
    """A new model that belongs to a region must say how it is scoped (its app registers it in ready())."""
    from django.apps import apps

    missing = [
        m._meta.label
        for m in apps.get_models()
        if any(f.name == "region" and f.is_relation for f in m._meta.fields)
        and not m._meta.label.startswith("simple_history")
        and "Historical" not in m.__name__
        and m._meta.label not in SCOPES
    ]
    assert not missing, f"register these in their app's ready() (accounts.scoping.register): {missing}"


@pytest.mark.parametrize("url", ["/cockpit/?region=500106&period=2022H1", "/chains/nev/?region=500106"])
def test_the_region_picker_offers_the_districts_of_the_city_not_every_county(client, django_user_model, url):
    def options(username: str) -> list[str]:
        client.force_login(django_user_model.objects.get(username=username))
        html = client.get(url).content.decode()
        picker = re.search(r'<select name="region"[^>]*>(.*?)</select>', html, re.S).group(1)
        return re.findall(r'<option value="(\d{6})"', picker)

    city = options("admin")  # a superuser reaches all of China; the picker stays within Chongqing
    assert len(city) == 38 and "500106" in city and all(code.startswith("50") for code in city)
    assert options("spb_admin") == ["500106"]
