"""Reading a whole article: periods and regions carried across sentences, venues and partners told
from subjects, 我区/全市/全省 resolved to the source region, breakdowns without 其中, event figures."""

from __future__ import annotations

from datetime import date

import pytest

from zhaoshang.lib.extraction.extract import extract_document
from zhaoshang.lib.extraction.gazetteer import Gazetteer
from zhaoshang.lib.extraction.schema import ExtractionResult


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def _read(
    gazetteer: Gazetteer, text: str, when: date | None = date(2023, 7, 20), **options
) -> ExtractionResult:
    return extract_document(text, document_date=when, gazetteer=gazetteer, **options)


def _by_text(result: ExtractionResult) -> dict:
    return {f.text: f for f in result.facts}


def test_the_venue_of_a_signing_ceremony_is_not_the_subject_of_its_figures(gazetteer):
    text = "重庆市2023年第二季度招商引资重大项目集中签约活动在九龙坡区举行,本次签约项目70个,总投资650亿元。"
    facts = _by_text(_read(gazetteer, text))
    assert {f.region.code for f in facts.values()} == {"500000"}
    assert facts["70个"].event and facts["650亿元"].event


def test_a_place_outside_the_source_region_is_a_partner_not_the_subject(gazetteer):
    text = "10月11日,巨鹿县项目签约会在北京举行。此次巨鹿与北京市昌平区企业集中签约8个项目,总投资12.42亿元。"
    facts = _by_text(_read(gazetteer, text, source_region="130529"))
    assert {f.region.code for f in facts.values()} == {"130529"}


def test_our_district_and_the_whole_city_resolve_against_the_source_region(gazetteer):
    text = "今年上半年,我区新签约项目26个,合同投资额86亿元。全市新签约项目310个。"
    facts = _by_text(_read(gazetteer, text, source_region="500106"))
    assert facts["26个"].region.code == "500106" and facts["86亿元"].region.code == "500106"
    assert facts["310个"].region.code == "500000"  # 全市 in a district's release is its city


def test_a_province_level_article_gives_its_figures_to_the_province(gazetteer):
    text = "1至9月,全省签约招商引资项目3989个。其中兰州市签约项目520个。全省到位资金6527.11亿元。"
    facts = _by_text(_read(gazetteer, text, date(2024, 10, 21), source_region="620000"))
    assert facts["3989个"].region.code == "620000" and facts["6527.11亿元"].region.code == "620000"
    assert facts["520个"].region.code == "620100"  # a city inside the province, named in its clause


def test_a_region_named_in_one_clause_does_not_carry_into_the_next_sentence(gazetteer):
    text = "当月新开工项目36个,其中聊城9个、滨州7个。当月全省新到位内资153.9亿元。"
    facts = _by_text(_read(gazetteer, text, date(2019, 10, 9), source_region="370000"))
    assert facts["9个"].region.code == "371500" and facts["7个"].region.code == "371600"
    assert facts["36个"].region.code == "370000" and facts["153.9亿元"].region.code == "370000"


def test_without_a_date_the_months_are_kept_and_the_year_is_unknown(gazetteer):
    result = _read(gazetteer, "我市上半年新签约项目293个,协议总金额1052.97亿元。", when=None)
    period = result.facts[0].period
    assert period is not None and period.label == "????H1" and not period.year_known
    assert period.start is None and period.to_json()["year_known"] is False
    assert result.period is not None and result.period.label == "????H1"


def test_a_written_year_needs_no_document_date(gazetteer):
    result = _read(gazetteer, "2023年,全区共上报市入统招商项目40个,总投资100.2亿元。", when=None)
    assert {f.period.label for f in result.facts} == {"2023"}


def test_a_quarter_is_never_widened_to_the_year_of_its_target(gazetteer):
    text = "今年一季度,内外资合计到位资金1344亿元,完成全年5360亿元招商引资目标任务的25.07%,同比增长15.95%。"
    facts = _by_text(_read(gazetteer, text, date(2014, 5, 16)))
    assert facts["1344亿元"].period.label == "2014Q1"
    assert facts["25.07%"].period.label == "2014Q1" and facts["15.95%"].period.label == "2014Q1"
    assert facts["5360亿元"].type == "target" and facts["5360亿元"].period.label == "2014"


def test_this_year_after_named_months_keeps_the_months(gazetteer):
    text = "截至10月,全区对接洽谈及签约项目370个,本年到位资金99.5亿元。"
    facts = _by_text(_read(gazetteer, text, date(2018, 12, 6)))
    assert facts["370个"].period.label == "2018-10YTD" and facts["99.5亿元"].period.label == "2018-10YTD"


def test_a_paragraphs_period_carries_into_the_paragraphs_after_it(gazetteer):
    text = "1至3月,我区集中签约产业项目9个,协议引资67.7亿元。\n第二、第三产业领域先后有3个项目开工建设,到位资金1.85亿元。"
    facts = _by_text(_read(gazetteer, text, date(2019, 3, 14)))
    assert facts["3个"].period.label == "2019-03YTD" and facts["1.85亿元"].period.label == "2019-03YTD"


def test_the_first_n_months_are_a_year_to_date(gazetteer):
    result = _read(gazetteer, "前两个月,全省实际到位省外资金1236亿元,增长17.9%。", date(2014, 3, 24))
    assert {f.period.label for f in result.facts} == {"2014-02YTD"}


def test_size_bands_without_qizhong_are_parts_of_their_total(gazetteer):
    text = "截至10月,对接洽谈及签约项目370个,总投资5914.5亿元。总投资在50亿元以上的重特大项目有28个,总投资3480.4亿元。"
    facts = _by_text(_read(gazetteer, text, date(2018, 12, 6)))
    assert facts["28个"].parent == facts["370个"].id
    assert facts["3480.4亿元"].parent == facts["5914.5亿元"].id


def test_task_force_parts_and_a_respectively_list_join_their_totals(gazetteer):
    text = "上半年,全区签约项目120个,协议投资1800亿元。工业专班签约项目52个、现代服务业专班签约项目31个,签约额分别超1300亿元、430亿元。"
    facts = _by_text(_read(gazetteer, text))
    assert facts["52个"].parent == facts["31个"].parent == facts["120个"].id
    assert facts["超1300亿元"].parent == facts["430亿元"].parent == facts["1800亿元"].id


def test_a_narrowed_metric_is_a_part_of_the_total_it_narrows(gazetteer):
    text = "1-9月,全省实际使用外资204.7亿美元。全省制造业实际使用外资105.4亿美元,苏南地区实际使用外资127.0亿美元。"
    facts = _by_text(_read(gazetteer, text, date(2019, 11, 4)))
    assert facts["105.4亿美元"].parent == facts["204.7亿美元"].id
    assert facts["127.0亿美元"].parent == facts["204.7亿美元"].id
    assert {facts[t].type for t in ("204.7亿美元", "105.4亿美元")} == {"foreign_capital"}


def test_a_part_in_dollars_is_never_linked_to_a_total_in_yuan(gazetteer):
    text = "一季度,全省实际到位省外资金289.6亿元。其中,合同利用外资9.5亿美元,实际利用外资5.7亿美元。"
    facts = _by_text(_read(gazetteer, text, date(2007, 4, 12)))
    assert facts["9.5亿美元"].parent is None and facts["5.7亿美元"].parent is None


def test_figures_of_one_ceremony_are_marked_and_the_periods_totals_are_not(gazetteer):
    text = (
        "鄂城区三季度签约亿元项目15个,总投资额285.31亿元。"
        "在第二届招商大会上,本次集中签约的项目33个,总投资80.93亿元;今年前三季度,该区共签约亿元以上项目57个。"
    )
    facts = _by_text(_read(gazetteer, text))
    assert not facts["15个"].event and not facts["285.31亿元"].event
    assert facts["33个"].event and facts["80.93亿元"].event
    assert not facts["57个"].event  # a period named after the event word: back to a period total


def test_contract_funds_and_funds_in_place_are_typed_as_bureaus_write_them(gazetteer):
    text = "第一季度,我州新签约项目280个,协议签约资金583.40亿元;已入资项目34个,共计入资21.66亿元;协议外资7.5亿美元。"
    facts = _by_text(_read(gazetteer, text, date(2011, 4, 1)))
    assert facts["583.40亿元"].type == "investment_amount"
    assert facts["21.66亿元"].type == "funds_in_place"
    assert facts["7.5亿美元"].type == "foreign_capital"


def test_the_base_of_a_completion_is_a_target(gazetteer):
    text = "2023年,全区上报到位资金36亿元,完成市下达任务100亿的100.2%;引进优强企业8家,完成全年目标任务7家的114.29%。"
    facts = _by_text(_read(gazetteer, text, date(2024, 1, 24)))
    assert facts["100亿"].type == "target" and facts["7家"].type == "target"
    assert facts["100.2%"].type == "completion_rate"
