"""Which period and which region each figure belongs to."""

from __future__ import annotations

from datetime import date

from zhaoshang.lib.extraction.clean import clean
from zhaoshang.lib.extraction.placing import find_periods, main_period


def labels(text: str, when: date = date(2023, 7, 20)) -> list[str]:
    return [m.period.code for m in find_periods(clean(text).text, when)]


def test_phrases_resolve_against_the_document_date():
    assert labels("上半年,1-5月,一季度,前三季度,今年1至9月") == [
        "2023H1", "2023-05YTD", "2023Q1", "2023-09YTD", "2023-09YTD",
    ]  # fmt: skip


def test_the_comparison_base_is_not_a_period():
    assert labels("较去年同期增长15%,增速比一季度提高") == []


def test_a_date_is_not_a_year():
    assert labels("2022年8月4日") == []


def test_a_bare_phrase_takes_the_last_year_written():
    assert labels("2023年,全区全年引进项目", date(2024, 1, 20)) == ["2023", "2023"]


def test_up_to_a_month_end_is_a_year_to_date():
    assert labels("截至5月底,累计签约") == ["2023-05YTD"]


def test_the_target_year_is_not_the_main_period():
    mentions = find_periods(clean("上半年完成全年市级任务目标的109%").text, date(2022, 8, 4))
    assert [m.target_only for m in mentions] == [False, True]
    assert main_period(mentions).period.code == "2022H1"


def test_a_figure_takes_the_period_of_its_own_sentence(extract):
    result = extract("1-6月,龙岗区引进项目54个。上半年全区新增市场主体4.3万户。")
    assert [f.period.label for f in result.facts] == ["2023-06YTD", "2023H1"]


def test_a_figure_takes_the_last_region_before_it(extract):
    result = extract("重庆市签约项目1826个,其中渝北区签约项目120个。")
    assert [f.region.code for f in result.facts] == ["500000", "500112"]


def test_without_a_region_in_its_sentence_a_figure_takes_the_documents(extract):
    result = extract("上半年,永川区签约项目186个。\n全区规上工业企业达到480家。")
    assert result.region.code == "500118"
    assert [f.region.code for f in result.facts] == ["500118", "500118"]
