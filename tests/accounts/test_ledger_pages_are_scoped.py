"""The ledger pages go through the scoping layer: lists, details, forms, filters and drill-downs."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from tests.accounts.world import marker
from zhaoshang.projects.models import Project

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_the_ledger_lists_only_the_users_district(client, world):
    html = login(client, world["500106"].officer).get(reverse("projects:list"), {"ordering": "-signed_on"})
    html = html.content.decode()
    assert marker("500106") in html and marker("500107") not in html
    count = int(re.search(r'data-testid="total-count">(\d+)<', html).group(1))
    assert count == Project.objects.filter(region__code="500106").count()


def test_a_project_of_another_district_is_not_found(client, world):
    login(client, world["500106"].admin)
    assert client.get(world["500107"].project.get_absolute_url()).status_code == 404
    assert client.get(reverse("projects:edit", args=[world["500107"].project.pk])).status_code == 404


def test_a_leader_reads_a_project_but_may_not_edit_it(client, world):
    project = world["500106"].project
    login(client, world["500106"].leader)
    html = client.get(project.get_absolute_url()).content.decode()
    assert project.name in html and reverse("projects:edit", args=[project.pk]) not in html
    assert client.get(reverse("projects:edit", args=[project.pk])).status_code == 403
    stage = client.post(
        reverse("projects:stage", args=[project.pk]), {"to_stage": "registered", "on": date.today()}
    )
    assert stage.status_code == 403
    assert client.get(reverse("projects:create")).status_code == 403


def test_an_officer_edits_own_projects_but_not_a_colleagues(client, world):
    login(client, world["500106"].officer)
    assert client.get(reverse("projects:edit", args=[world["500106"].project.pk])).status_code == 200
    assert (
        client.get(reverse("projects:edit", args=[world["500106"].colleague_project.pk])).status_code == 403
    )


def test_the_create_form_offers_only_permitted_districts_and_colleagues(client, world):
    html = login(client, world["500106"].officer).get(reverse("projects:create")).content.decode()
    region_select = re.search(r'<select name="region".*?</select>', html, re.S).group(0)
    assert "沙坪坝区" in region_select and "九龙坡区" not in region_select
    assert marker("500107") not in html  # directions, parks and owners of 九龙坡 are not offered


def test_creating_a_project_in_another_district_is_forbidden_and_saves_nothing(client, world):
    before = Project.objects.count()
    response = login(client, world["500106"].officer).post(
        reverse("projects:create"),
        {
            "name": "越界项目",
            "region": world["500107"].region.pk,
            "project_type": "new",
            "origin": "domestic",
            "stage": "lead",
            "lead_on": date.today().isoformat(),
        },
    )
    assert response.status_code == 403 and Project.objects.count() == before


def test_the_region_filter_offers_only_visible_regions(client, world):
    html = login(client, world["500106"].officer).get(reverse("projects:list")).content.decode()
    options = re.findall(r'<option value="(\d{6})"', html)
    assert options == ["500106"]
    city = login(client, world.users["cq_city"]).get(reverse("projects:list")).content.decode()
    assert {"500000", "500106", "500107"} <= set(re.findall(r'<option value="(\d{6})"', city))


def test_filtering_by_a_region_out_of_reach_gives_no_rows(client, world):
    html = (
        login(client, world["500106"].officer)
        .get(reverse("projects:list"), {"region": "500107"})
        .content.decode()
    )
    assert 'data-testid="total-count">0<' in html


def test_a_drilldown_into_another_district_shows_nothing(client, world):
    params = {"metric": "signed_projects", "region": "500107", "period": str(date.today().year)}
    html = login(client, world["500106"].admin).get(reverse("projects:list"), params).content.decode()
    assert 'data-testid="total-count">0<' in html and marker("500107") not in html


def test_the_city_admin_still_sees_the_shapingba_case(client, world):
    html = (
        login(client, world.users["cq_city"])
        .get(reverse("projects:list"), {"region": "500106", "period": "2022H1"})
        .content.decode()
    )
    assert 'data-testid="total-count">50<' in html
