"""The division-code hierarchy (lib/divisions.py), read from the code alone."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhaoshang.lib import divisions
from zhaoshang.lib.resources import DIVISIONS_CSV


@pytest.mark.parametrize(
    ("code", "level", "province", "city", "prefix"),
    [
        ("500000", "province", "500000", "500000", "50"),
        ("510100", "city", "510000", "510100", "5101"),
        ("510104", "county", "510000", "510100", "510104"),
        ("500106", "county", "500000", "500100", "500106"),
    ],
)
def test_a_code_tells_its_level_province_city_and_subtree(code, level, province, city, prefix):
    assert divisions.level_of(code) == level
    assert divisions.province_of(code) == province
    assert divisions.city_of(code) == city
    assert divisions.subtree_prefix(code) == prefix


def test_a_municipality_district_has_the_municipality_as_parent_when_no_city_exists():
    assert divisions.parent_code("500106", known={"500000", "500106"}) == "500000"
    assert divisions.parent_code("510104", known={"510000", "510100"}) == "510100"
    assert divisions.parent_code("510100") == "510000"
    assert divisions.parent_code("510000") is None


def test_parent_code_agrees_with_the_reference_file_for_every_division():
    with DIVISIONS_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    known = {r["code"] for r in rows}
    assert all(divisions.parent_code(r["code"], known) == (r["parent"] or None) for r in rows)
    assert all(divisions.level_of(r["code"]) == r["level"] for r in rows)


@pytest.mark.parametrize(
    ("code", "ancestor", "within"),
    [
        ("500106", "500000", True),
        ("500106", "500106", True),
        ("510104", "510100", True),
        ("510104", "510000", True),
        ("510104", "510300", False),
        ("510104", "500000", False),
        ("500106", "500107", False),
        ("abc", "500000", False),
        ("500106", "50", False),
    ],
)
def test_is_within_follows_the_hierarchy(code, ancestor, within):
    assert divisions.is_within(code, ancestor) is within


@pytest.mark.parametrize("bad", ["", "abc", "5001061", "050106", "50010x", " 5 "])
def test_it_refuses_a_code_that_is_not_six_digits_in_chinese(bad):
    with pytest.raises(divisions.BadCodeError, match="无效的行政区划代码"):
        divisions.level_of(bad)


@pytest.mark.parametrize(
    ("province", "inside"), [("44", True), ("440000", True), ("440300", True), ("45", False), ("x", False)]
)
def test_a_province_filter_takes_the_two_digits_people_type(province, inside):
    assert divisions.in_province("440305", province) is inside


@given(st.from_regex(r"[1-9][0-9]{5}", fullmatch=True))
def test_every_code_lies_within_its_city_and_province(code):
    assert divisions.is_within(code, divisions.city_of(code))
    assert divisions.is_within(code, divisions.province_of(code))
    assert divisions.is_within(divisions.city_of(code), divisions.province_of(code))
