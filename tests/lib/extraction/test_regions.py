"""Region names: short forms, former names, and names several divisions share."""

from __future__ import annotations

import pytest

from zhaoshang.lib.extraction.regions import resolve_regions, short_name, zone_abbreviation


def codes(gazetteer, text: str) -> list[str]:
    return [r.code for r in resolve_regions(gazetteer.scan(text).regions, gazetteer.regions)]


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("沙坪坝区", "沙坪坝"),
        ("重庆市", "重庆"),
        ("彭水苗族土家族自治县", "彭水"),
        ("内蒙古自治区", "内蒙古"),
        ("新疆维吾尔自治区", "新疆"),
        ("广西壮族自治区", "广西"),
        ("恩施土家族苗族自治州", "恩施"),
        ("神农架林区", "神农架"),
        ("忠县", None),
        ("城区", None),
    ],
)
def test_short_names_drop_the_administrative_suffix(name, short):
    assert short_name(name) == short


def test_development_zones_have_their_usual_abbreviation():
    assert zone_abbreviation("石家庄高新技术产业开发区") == "石家庄高新区"
    assert zone_abbreviation("长春经济技术开发区") == "长春经开区"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("沙坪坝区", ["500106"]),
        ("在梁平县工业园区", ["500155"]),
        ("武隆县", ["500156"]),
        ("铜梁县", ["500151"]),
        ("彭水县", ["500243"]),
        ("恩施州", ["422800"]),
        ("合肥高新区", ["340176"]),
        ("九龙坡", ["500107"]),
    ],
)
def test_full_former_and_abbreviated_names_resolve(gazetteer, text, expected):
    assert codes(gazetteer, text) == expected


def test_a_shared_name_resolves_by_the_ancestor_written_before_it(gazetteer):
    assert codes(gazetteer, "宁波市江北区") == ["330200", "330205"]
    assert codes(gazetteer, "重庆市江北区") == ["500000", "500105"]


def test_a_shared_name_without_context_is_dropped(gazetteer):
    assert codes(gazetteer, "江北区") == []


def test_a_shared_name_resolves_by_the_documents_province(gazetteer):
    assert codes(gazetteer, "重庆市招商局介绍,沙坪坝区和江北区") == ["500000", "500106", "500105"]


def test_a_two_character_county_short_name_needs_the_documents_province(gazetteer):
    assert codes(gazetteer, "彭水") == []
    assert codes(gazetteer, "重庆市彭水") == ["500000", "500243"]


@pytest.mark.parametrize("word", ["光明", "合作", "共和", "朝阳", "中山", "阿里", "新兴", "平安"])
def test_everyday_words_are_not_taken_for_places(gazetteer, word):
    assert codes(gazetteer, f"坚持{word}发展") == []


def test_a_province_shares_its_short_name_with_a_city_inside_it(gazetteer):
    assert codes(gazetteer, "吉林") == ["220000"]


@pytest.mark.parametrize(
    "text",
    [
        "沙坪坝区与宁德时代签约，宁德时代投资动力电池项目，总投资100亿元。宁德时代表示将加快建设。",
        "近日，宁德时代与重庆市沙坪坝区签约，宁德时代拟投资100亿元建设电池基地。",
    ],
)
def test_a_district_named_in_full_beats_a_short_name_inside_a_firm_name(extract, text):
    # 宁德时代 is a firm the default gazetteer does not know: its 宁德 is not a mention of 宁德市.
    result = extract(text)
    assert result.region.code == "500106"
    assert [f.region.code for f in result.facts] == ["500106"]


def test_a_short_name_still_counts_when_nothing_is_named_in_full(gazetteer):
    assert codes(gazetteer, "宁德时代动力电池项目开工") == ["350900"]
