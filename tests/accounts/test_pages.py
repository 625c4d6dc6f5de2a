"""Which region and period a page is about (accounts/pages.py), through the cockpit and the target list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import CityFactory, RegionFactory, UserFactory
from zhaoshang.accounts.models import Role

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def city():
    return CityFactory(code="994100", name="测试市41")


@pytest.fixture
def district(city):
    return RegionFactory(code="994101", parent=city)


@pytest.fixture
def other_city_district():
    return RegionFactory(code="994201")


def login(client, role, region):
    client.force_login(UserFactory(role=role, region=region))
    return client


def test_a_city_user_opens_on_their_city(client, city, district):
    response = login(client, Role.CITY_ADMIN, city).get(reverse("targets:cockpit"))
    assert response.status_code == 200
    assert response.context["region"] == city


def test_a_district_user_opens_on_their_district(client, district):
    response = login(client, Role.OFFICER, district).get(reverse("targets:cockpit"))
    assert response.status_code == 200
    assert response.context["region"] == district


def test_a_city_user_may_ask_for_one_of_their_districts(client, city, district):
    response = login(client, Role.CITY_ADMIN, city).get(reverse("targets:cockpit"), {"region": district.code})
    assert response.context["region"] == district


@pytest.mark.parametrize("code", ["abc", "50010", "0501061", "500106'--"])
def test_a_bad_region_code_gets_a_chinese_400(client, district, code):
    response = login(client, Role.OFFICER, district).get(reverse("targets:cockpit"), {"region": code})
    assert response.status_code == 400
    assert "无效的行政区划代码" in response.content.decode()


@pytest.mark.parametrize("period", ["2022Q9", "abc", "9999999999H1"])
def test_a_bad_period_gets_a_chinese_400(client, district, period):
    response = login(client, Role.OFFICER, district).get(reverse("targets:cockpit"), {"period": period})
    assert response.status_code == 400
    assert "无法识别" in response.content.decode()


def test_a_region_outside_the_users_reach_is_not_found(client, district, other_city_district):
    user_client = login(client, Role.CITY_ADMIN, district.parent)
    assert (
        user_client.get(reverse("targets:cockpit"), {"region": other_city_district.code}).status_code == 404
    )
    assert (
        user_client.get(reverse("targets:cockpit"), {"region": "994199"}).status_code == 404
    )  # no such region


@pytest.mark.parametrize("year", ["abc", "1e3", "99999", "-1", "２０２２"])
def test_a_bad_year_on_the_target_list_gets_a_chinese_400(client, district, year):
    response = login(client, Role.DISTRICT_ADMIN, district).get(reverse("targets:list"), {"year": year})
    assert response.status_code == 400
    assert "无法识别的年份" in response.content.decode()


def test_the_target_list_reads_a_good_year(client, district):
    response = login(client, Role.DISTRICT_ADMIN, district).get(reverse("targets:list"), {"year": "2023"})
    assert response.status_code == 200 and response.context["year"] == 2023


def test_a_district_user_sees_their_own_citys_ranking_by_default(client, city, district):
    response = login(client, Role.OFFICER, district).get(reverse("targets:rollup"))
    assert response.status_code == 200 and response.context["parent"] == city
