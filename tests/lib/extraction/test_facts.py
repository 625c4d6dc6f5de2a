"""Typing and labelling figures from the words of their clause."""

from __future__ import annotations

from decimal import Decimal

import pytest


def facts(extract, text: str) -> list[tuple[str, str, str | None]]:
    return [(f.type, str(f.value), f.qualifier) for f in extract(text).facts]


@pytest.mark.parametrize(
    ("text", "fact_type", "label"),
    [
        ("签约项目32个", "project_count", "签约项目数"),
        ("新开工项目18个", "project_count", "开工项目数"),
        ("引进重点产业项目50个", "project_count", "重点产业项目数"),
        ("已汇聚26家链条企业", "enterprise_count", "链条企业数"),
        ("新注册项目公司19家", "enterprise_count", "注册项目公司数"),
        ("协议投资额216.5亿元", "investment_amount", "协议投资额"),
        ("计划总投资约1150亿元", "investment_amount", "总投资额"),
        ("实际到位资金58.3亿元", "funds_in_place", "实际到位资金"),
        ("实际利用外资6.8亿美元", "foreign_capital", "实际使用外资"),
        ("合同外资8.6亿美元", "foreign_capital", "合同外资"),
        ("实现营业收入412亿元", "other_amount", "营业收入"),
        ("举办招商推介活动8场", "other_count", "招商推介活动数"),
        ("走访企业186家次", "other_count", "走访企业家次数"),
        ("规划用地约800亩", "area", "用地面积"),
        ("项目开工率46.9%", "rate", "项目开工率"),
    ],
)
def test_the_clause_names_the_figure(extract, text, fact_type, label):
    (fact,) = extract(text).facts
    assert (fact.type, fact.label) == (fact_type, label)


def test_growth_next_to_an_amount_is_a_growth_not_a_share(extract):
    assert facts(extract, "签约额2380亿元,同比增长42.6%") == [
        ("investment_amount", "238000000000", None),
        ("growth_rate", "0.426", None),
    ]


def test_a_decline_is_a_negative_growth(extract):
    (_, growth) = extract("实际使用外资18.6亿美元,同比下降4.7%").facts
    assert growth.value == Decimal("-0.047")


def test_a_level_reached_is_a_rate_not_a_growth(extract):
    (fact,) = extract("本地配套率提升至52%").facts
    assert fact.type == "rate"


def test_the_category_label_is_a_scope_not_a_qualifier(extract):
    (fact,) = extract("引进超亿元项目21个").facts
    assert (fact.type, fact.value, fact.qualifier, fact.scope) == ("project_count", 21, None, "亿元以上")
    assert fact.label == "亿元以上项目数"


def test_years_and_dates_never_become_amounts(extract):
    assert facts(extract, "2022年8月4日,2023年工作会议召开,2025年前完成。") == []


def test_a_range_keeps_its_high_end(extract):
    (fact,) = extract("预计总投资400-500亿元").facts
    assert (fact.value, fact.range_high) == (40_000_000_000, 50_000_000_000)
    assert fact.to_json()["range_high"] == 50_000_000_000


def test_figures_after_qizhong_are_parts_of_the_total(extract):
    result = extract("签约项目50个,总投资300亿元,其中工业项目30个,投资额200亿元。")
    total_count, total_money, part_count, part_money = result.facts
    assert part_count.parent == total_count.id
    assert part_money.parent == total_money.id
    assert part_count.scope == part_money.scope == "工业"


def test_an_enumeration_after_a_semicolon_stops_at_a_new_topic(extract):
    result = extract("签约项目32个,其中制造业项目19个;新开工项目15个。")
    assert [f.parent for f in result.facts] == [None, "f1", None]


def test_an_enumeration_after_a_semicolon_goes_on_while_the_parts_fit(extract):
    result = extract("实施项目328个。其中,新建项目106个;续建项目222个。")
    assert [f.parent for f in result.facts] == [None, "f1", "f1"]


def test_a_bracketed_han_is_a_part(extract):
    result = extract("新签约项目26个(含外资项目2个)")
    assert result.facts[1].parent == result.facts[0].id


def test_a_share_points_to_its_part_and_its_whole(extract):
    result = extract("合同投资额215亿元,其中现代服务业合同投资额163亿元,占比75.8%。")
    whole, part, share = result.facts
    assert (share.parent, share.base, share.scope) == (part.id, whole.id, "现代服务业")


def test_rates_after_fenbie_pair_with_the_figures_in_order(extract):
    result = extract("新签约项目387个,总投资2436亿元,分别同比增长12.5%和18.2%。")
    count, money, first, second = result.facts
    assert (first.parent, second.parent) == (count.id, money.id)


def test_a_conversion_keeps_the_type_of_the_figure_converted(extract):
    result = extract("实际使用外资95.6亿美元,折合人民币约668亿元")
    assert [(f.type, f.currency) for f in result.facts] == [
        ("foreign_capital", "USD"),
        ("foreign_capital", "CNY"),
    ]


def test_an_enumeration_shares_one_name(extract):
    result = extract("签约额分别为806亿元、512亿元、468亿元")
    assert {f.type for f in result.facts} == {"investment_amount"}


def test_a_name_before_a_colon_names_the_figure(extract):
    (fact,) = extract("签约项目:63个").facts
    assert fact.type == "project_count"


def test_figures_in_a_goal_sentence_are_targets(extract):
    result = extract("2024年工作目标为:全年引进内资4000亿元以上,新签约亿元以上项目不少于500个。")
    assert [(f.type, f.qualifier) for f in result.facts] == [("target", "以上"), ("target", "以上")]
    assert result.facts[1].scope == "亿元以上"


def test_completing_a_target_is_not_a_target(extract):
    (money, completion) = extract("到位资金126.8亿元,完成年度目标任务的105.7%").facts
    assert (money.type, completion.type, completion.parent) == ("funds_in_place", "completion_rate", money.id)


def test_a_rhetorical_chinese_numeral_is_not_a_figure(extract):
    assert facts(extract, "重点在两个领域发力,实施六个产业方向,三个一批") == []


def test_the_same_claim_twice_is_one_fact(extract):
    assert len(extract("签约项目32个。\n据悉,签约项目32个。").facts) == 1


def test_a_growth_in_times_is_a_growth(extract):
    (fact,) = extract("协议投资额同比增长1.3倍").facts
    assert (fact.type, fact.value) == ("growth_rate", Decimal("1.3"))
