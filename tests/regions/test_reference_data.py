"""The shipped reference data: every division of China with centroids, and GB/T 4754-2017 complete."""

from __future__ import annotations

import pytest

from zhaoshang.industries.models import IndustryCode
from zhaoshang.regions.models import Level, Region

pytestmark = pytest.mark.django_db


def test_all_provinces_cities_and_counties_are_loaded():
    assert Region.objects.filter(level=Level.PROVINCE).count() == 31
    assert (
        Region.objects.filter(level=Level.COUNTY).count() == 2975
    )  # 2,978 in the source less 东莞, 中山, 儋州 (cities without counties)


def test_chongqing_has_its_38_districts_and_counties_with_centroids():
    units = Region.objects.children_of("500000")
    assert units.count() == 38
    assert not units.filter(lat__isnull=True).exists()
    assert {"梁平区", "武隆区"} <= set(units.values_list("name", flat=True))
    assert not units.filter(name__in=["梁平县", "武隆县"]).exists()


def test_shapingba_sits_where_it_is():
    spb = Region.objects.get(code="500106")
    assert spb.name == "沙坪坝区" and spb.short_name == "沙坪坝"
    assert 29.4 < float(spb.lat) < 29.7 and 106.3 < float(spb.lon) < 106.6


@pytest.mark.parametrize("text", ["500106", "沙坪坝区", "沙坪坝"])
def test_a_region_is_found_by_code_name_or_short_name(text):
    assert Region.objects.lookup(text).code == "500106"


def test_no_two_chongqing_units_share_a_centroid():
    coords = list(Region.objects.children_of("500000").values_list("lat", "lon"))
    assert len(set(coords)) == len(coords)


def test_gbt4754_has_all_four_levels():
    counts = {
        lvl: IndustryCode.objects.filter(level=lvl).count()
        for lvl in ["section", "division", "group", "class"]
    }
    assert counts == {"section": 20, "division": 97, "group": 473, "class": 1381}


def test_manufacturing_is_section_c_divisions_13_to_43():
    divisions = IndustryCode.objects.filter(level="division", section="C").values_list("code", flat=True)
    assert sorted(divisions) == [str(n) for n in range(13, 44)]
    assert IndustryCode.objects.get(code="3670").is_manufacturing
