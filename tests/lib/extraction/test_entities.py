"""Entities: enterprises found by their name's shape, and sentences about planned work."""

from __future__ import annotations

import pytest

from zhaoshang.lib.extraction.clean import clean
from zhaoshang.lib.extraction.entities import find_unknown_enterprises, planned_sentences


def unknown(text: str) -> list[str]:
    return [u.name for u in find_unknown_enterprises(text, [])]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("区内以石药集团、以岭药业为代表的龙头企业", ["石药集团", "以岭药业"]),
        ("引进重庆长安汽车股份有限公司", ["重庆长安汽车股份有限公司"]),
        ("与京东方科技集团签约", ["京东方科技集团"]),
        ("集聚西南药业、鼎晶生物等企业12家", ["西南药业", "鼎晶生物"]),
    ],
)
def test_a_company_is_recognised_by_its_ending(text, names):
    assert unknown(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "推动生物医药产业加快集聚成势",
        "器官智能生物制造工程中心",
        "该公司计划扩产",
        "围绕龙头企业开展招商",
        "上市公司3家",
        "推动产业集群发展",
    ],
)
def test_generic_words_are_not_companies(text):
    assert unknown(text) == []


def test_a_known_name_is_not_found_again():
    assert find_unknown_enterprises("华为公司", [(0, 2)]) == []


def test_enumerated_items_inherit_a_plan_announced_before_them():
    doc = clean("上半年签约项目50个。\n下半年,全区将聚焦两个领域。\n一是围绕车联网招商。\n二是做强口岸经济。")
    assert planned_sentences(doc) == {1, 2, 3}


def test_an_action_plan_is_not_a_plan_marker():
    doc = clean("上半年,推进RCEP行动计划,引进医疗器械企业。")
    assert planned_sentences(doc) == set()


def test_unknown_enterprises_are_reported_as_unknown(extract):
    result = extract("区内以石药集团、以岭药业为代表的龙头企业实现营业收入412亿元。")
    names = {e.name: e.known for e in result.entities_of("enterprise")}
    assert names == {"石药集团": False, "以岭药业": False}
