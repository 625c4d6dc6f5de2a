"""Locating figures in running text; reading them is amounts.parse_quantity's job."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhaoshang.lib.extraction.numbers import category_scope, locate


def texts(sentence: str) -> list[str]:
    return [m.text for m in locate(sentence)]


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("合同投资额超320亿元,其中制造业合同投资额122亿元,占比近40%", ["超320亿元", "122亿元", "近40%"]),
        ("已汇聚26家链条企业,全区汽车制造业规模企业达42家", ["26家", "达42家"]),
        ("实际使用外资1.2亿美元", ["1.2亿美元"]),
        ("总投资四百二十七亿元,其中超十亿元项目十一个", ["四百二十七亿元", "超十亿元", "十一个"]),
        ("投资3,500万元", ["3,500万元"]),
        ("达到300余家", ["达到300余家"]),
        ("20多亿元", ["20多亿元"]),
        ("占比百分之四十", ["百分之四十"]),
    ],
)
def test_it_finds_the_figures_a_release_states(sentence, found):
    assert texts(sentence) == found


@pytest.mark.parametrize(
    "sentence",
    [
        "2022年8月4日下午",
        "报料QQ:3401582423。",
        "咨询电话:029-86781234",
        "6个月内建成",
        "第3批项目",
        "家电企业",
        "千家万户",
        "5G基站",
        "推动1-6月工作",
        "超亿元项目",
    ],
)
def test_years_dates_phone_numbers_and_ordinals_are_not_figures(sentence):
    assert texts(sentence) == []


def test_a_signing_verb_is_not_the_qualifier_about():
    (mention,) = locate("签约50个项目")
    assert mention.text == "50个"
    assert mention.quantity.qualifier is None


def test_a_range_keeps_both_ends():
    (mention,) = locate("预计总投资10-20亿元")
    assert mention.text == "10-20亿元"
    assert mention.value == Decimal(1_000_000_000)
    assert mention.high is not None and mention.high.value == Decimal(2_000_000_000)


def test_a_range_written_with_both_units_is_one_mention():
    (mention,) = locate("投资10亿元至20亿元")
    assert (mention.value, mention.high.value) == (Decimal(1_000_000_000), Decimal(2_000_000_000))


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("10亿元以上项目8个", "10亿元以上"),
        ("超10亿元项目12个", "10亿元以上"),
        ("过50亿元项目9个", "50亿元以上"),
    ],
)
def test_a_size_class_before_projects_is_a_category_not_a_figure(sentence, scope):
    category, count = locate(sentence)
    assert category.category and category_scope(category) == scope
    assert not count.category and count.value == int(count.text.rstrip("个"))


def test_a_single_project_amount_is_a_figure():
    (mention,) = locate("总投资50亿元的比亚迪项目")
    assert not mention.category


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier"),
    [
        ("约占全市的四成", "0.4", None),
        ("贡献了超六成的签约额", "0.6", "超"),
        ("占全市的三分之一", "0.333333", None),
    ],
)
def test_shares_written_in_words_are_found(sentence, value, qualifier):
    (mention,) = locate(sentence)
    assert mention.value == Decimal(value)
    assert mention.quantity.qualifier == qualifier


def test_a_growth_in_times_is_a_percentage():
    (mention,) = locate("协议投资额同比增长1.3倍")
    assert mention.kind == "percent" and mention.value == Decimal("1.3")


def test_chinese_numerals_are_marked():
    mentions = locate("两个领域,签约项目12个")
    assert [(m.text, m.chinese) for m in mentions] == [("两个", True), ("12个", False)]
