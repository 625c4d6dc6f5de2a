"""The chain definitions as data: they load, their codes are real GB/T 4754-2017 classes, the tree holds."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from zhaoshang.lib import chaindefs

GBT_CSV = Path(chaindefs.__file__).resolve().parents[1] / "industries" / "data" / "gbt4754-2017.csv"
NEV_SEGMENTS = {
    "动力电池",
    "电机",
    "电控",
    "一体化压铸",
    "车身/底盘轻量化",
    "智能座舱",
    "热管理",
    "增程式动力总成",
    "车载操作系统",
    "车载地图",
    "车联网",
    "整车",
}


@pytest.fixture(scope="module")
def chains() -> tuple[chaindefs.Chain, ...]:
    return chaindefs.load_chains()


def gbt_classes() -> dict[str, str]:
    with GBT_CSV.open(encoding="utf-8") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f) if row["level"] == "class"}


def test_the_three_chains_load_with_their_names(chains):
    assert [(c.key, c.name) for c in chains] == [
        ("nev", "智能网联新能源汽车"),
        ("biomed", "生物医药"),
        ("port", "口岸经济"),
    ]


def test_the_nev_chain_has_the_segments_the_article_names(chains):
    assert {s.key for s in chains[0].segments} >= NEV_SEGMENTS


def test_the_biomed_and_port_chains_have_their_core_segments(chains):
    assert {"体外诊断", "医疗器械", "化学药", "中药", "生物制品", "CXO"} <= {
        s.key for s in chains[1].segments
    }
    assert {"整车进口", "冷链", "跨境电商", "国际物流"} <= {s.key for s in chains[2].segments}


def test_every_segment_class_is_a_real_gbt_4754_2017_class(chains):
    known = gbt_classes()
    unknown = [
        (c.key, s.key, code)
        for c in chains
        for s in c.segments
        for code in s.gbt_classes
        if code not in known
    ]
    assert unknown == []


def test_every_segment_has_a_position_classes_and_keywords(chains):
    for chain in chains:
        for s in chain.segments:
            assert s.position in chaindefs.POSITIONS
            assert s.gbt_classes and s.keywords, s.key


def test_each_chain_spans_upstream_midstream_and_downstream(chains):
    for chain in chains:
        assert {s.position for s in chain.segments} == set(chaindefs.POSITIONS), chain.key


def test_the_keyword_set_is_about_two_thousand_terms(chains):
    assert 1800 <= sum(c.keyword_count() for c in chains) <= 2600


def test_a_negative_keyword_is_never_also_a_keyword_of_the_same_segment(chains):
    for chain in chains:
        for s in chain.segments:
            assert not set(s.negative_keywords) & (set(s.keywords) | set(s.weak_keywords)), s.key


def test_the_tree_links_children_to_parents(chains):
    biomed = chains[1]
    assert biomed.segment("体外诊断").parent == "医疗器械"
    assert "体外诊断" in {s.key for s in biomed.children("医疗器械")}
    assert all(s.parent is None or biomed.segment(s.parent) for s in biomed.segments)


def test_it_refuses_a_segment_with_an_unknown_position():
    doc = {
        "key": "x",
        "name": "测试链",
        "version": "1",
        "segments": [{"key": "甲", "position": "sideways", "gbt_classes": ["3841"], "keywords": ["甲"]}],
    }
    with pytest.raises(chaindefs.ChainDefinitionError, match="position"):
        chaindefs.parse_chain(doc)


def test_it_refuses_a_parent_that_does_not_exist():
    doc = {
        "key": "x",
        "name": "测试链",
        "version": "1",
        "segments": [
            {"key": "甲", "parent": "乙", "position": "upstream", "gbt_classes": ["3841"], "keywords": ["甲"]}
        ],
    }
    with pytest.raises(chaindefs.ChainDefinitionError, match="上级"):
        chaindefs.parse_chain(doc)


def test_it_refuses_a_class_code_that_is_not_four_digits():
    doc = {
        "key": "x",
        "name": "测试链",
        "version": "1",
        "segments": [{"key": "甲", "position": "upstream", "gbt_classes": ["C36"], "keywords": ["甲"]}],
    }
    with pytest.raises(chaindefs.ChainDefinitionError, match="4位"):
        chaindefs.parse_chain(doc)


def test_bulk_keywords_are_merged_into_their_segment(tmp_path):
    (tmp_path / "x.json").write_text(
        json.dumps(
            {
                "key": "x",
                "name": "测试链",
                "version": "1",
                "keywords_file": "x.keywords.json",
                "segments": [
                    {"key": "甲", "position": "upstream", "gbt_classes": ["3841"], "keywords": ["甲产品"]}
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    (tmp_path / "x.keywords.json").write_text(
        json.dumps({"segments": {"甲": ["甲产品", "甲部件"]}}, ensure_ascii=False), encoding="utf-8"
    )
    chain = chaindefs.load_chain("x", tmp_path)
    assert chain.segment("甲").keywords == ("甲产品", "甲部件")


def test_bulk_keywords_for_an_undefined_segment_are_refused():
    doc = {
        "key": "x",
        "name": "测试链",
        "version": "1",
        "segments": [{"key": "甲", "position": "upstream", "gbt_classes": ["3841"], "keywords": ["甲"]}],
    }
    with pytest.raises(chaindefs.ChainDefinitionError, match="未定义"):
        chaindefs.parse_chain(doc, {"segments": {"乙": ["乙"]}})
