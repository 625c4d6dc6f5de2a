"""One automaton over every known name; the longest name wins."""

from __future__ import annotations

from zhaoshang.lib.extraction.gazetteer import EnterpriseName, Gazetteer, Name


def test_the_default_gazetteer_is_built_once():
    assert Gazetteer.default() is Gazetteer.default()
    assert Gazetteer.default().enterprises == []


def test_a_company_named_after_a_city_is_a_company(gazetteer):
    g = Gazetteer.from_reference(enterprises=[EnterpriseName("宁波拓普", ("拓普",))])
    scan = g.scan("宁波拓普轻量化底盘生产基地")
    assert [(t.kind, t.canonical) for t in scan.terms] == [("enterprise", "宁波拓普")]
    assert scan.regions == []


def test_the_longest_segment_name_wins():
    g = Gazetteer.from_reference(regions_csv=None, segments=["电池", Name("动力电池"), "热管理"])
    scan = g.scan("涵盖动力电池、热管理系统等")
    assert [t.canonical for t in scan.terms] == ["动力电池", "热管理"]


def test_aliases_resolve_to_the_canonical_name():
    g = Gazetteer.from_reference(regions_csv=None, enterprises=[EnterpriseName("赛力斯", ("小康集团",))])
    (hit,) = g.scan("原小康集团").terms
    assert (hit.canonical, hit.surface, hit.start) == ("赛力斯", "小康集团", 1)


def test_an_empty_gazetteer_finds_nothing():
    assert Gazetteer.from_reference(regions_csv=None).scan("沙坪坝区").terms == []
