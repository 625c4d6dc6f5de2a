from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhaoshang.lib.periods import Period, PeriodParseError, parse_period, period_for, resolve_period_phrase

RELEASE_DATE = date(2022, 8, 4)  # the seed article's date


@pytest.mark.parametrize(
    ("code", "start", "end", "kind", "name_zh", "short_zh"),
    [
        ("2022", date(2022, 1, 1), date(2022, 12, 31), "year", "2022年", "全年"),
        ("2022H1", date(2022, 1, 1), date(2022, 6, 30), "half", "2022年上半年", "上半年"),
        ("2022H2", date(2022, 7, 1), date(2022, 12, 31), "half", "2022年下半年", "下半年"),
        ("2022Q1", date(2022, 1, 1), date(2022, 3, 31), "quarter", "2022年第一季度", "一季度"),
        ("2022Q3", date(2022, 7, 1), date(2022, 9, 30), "quarter", "2022年第三季度", "三季度"),
        ("2022-05", date(2022, 5, 1), date(2022, 5, 31), "month", "2022年5月", "5月"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month", "2024年2月", "2月"),
        ("2022-06YTD", date(2022, 1, 1), date(2022, 6, 30), "ytd", "2022年1-6月", "上半年"),
        ("2022-05YTD", date(2022, 1, 1), date(2022, 5, 31), "ytd", "2022年1-5月", "1-5月"),
        ("2022-09YTD", date(2022, 1, 1), date(2022, 9, 30), "ytd", "2022年1-9月", "前三季度"),
        ("2022-01YTD", date(2022, 1, 1), date(2022, 1, 31), "ytd", "2022年1月", "1月"),
        (
            "2022-01-01..2022-06-30",
            date(2022, 1, 1),
            date(2022, 6, 30),
            "range",
            "2022年1月1日至6月30日",
            "1月1日至6月30日",
        ),
        (
            "2021-12-01..2022-01-31",
            date(2021, 12, 1),
            date(2022, 1, 31),
            "range",
            "2021年12月1日至2022年1月31日",
            "2021年12月1日至2022年1月31日",
        ),
        ("2022-03-05..2022-03-05", date(2022, 3, 5), date(2022, 3, 5), "range", "2022年3月5日", "3月5日"),
    ],
)
def test_it_reads_every_code_and_names_it_in_chinese(
    code: str, start: date, end: date, kind: str, name_zh: str, short_zh: str
) -> None:
    period = parse_period(code)
    assert period == Period(start, end, kind, code)
    assert (period.name_zh, period.short_zh, str(period), period.year) == (name_zh, short_zh, code, end.year)


@pytest.mark.parametrize(
    ("text", "code"), [("2022h1", "2022H1"), (" 2022q3 ", "2022Q3"), ("2022-5", "2022-05")]
)
def test_it_writes_the_canonical_code_for_loose_input(text: str, code: str) -> None:
    assert parse_period(text).code == code


@pytest.mark.parametrize("text", ["2022Q5", "2022-13", "2022-02-30..2022-03-01", "abc", "", "2022H3", "0000"])
def test_it_refuses_bad_codes_listing_the_formats(text: str) -> None:
    with pytest.raises(PeriodParseError, match=f"无法识别的期间：“{text}”（可用格式：2022、2022H1"):
        parse_period(text)


def test_it_refuses_a_range_that_ends_before_it_starts() -> None:
    with pytest.raises(PeriodParseError, match="开始日期晚于结束日期"):
        parse_period("2022-03-01..2022-02-01")


@pytest.mark.parametrize(
    ("kind", "year", "index"),
    [("half", 2022, 3), ("quarter", 2022, 0), ("month", 2022, 13), ("week", 2022, 1)],
)
def test_it_refuses_periods_that_do_not_exist(kind: str, year: int, index: int) -> None:
    with pytest.raises(PeriodParseError):
        period_for(kind, year, index)


@pytest.mark.parametrize(
    ("code", "progress"),
    [
        ("2022H1", Decimal("0.5")),
        ("2022Q3", Decimal("0.75")),
        ("2022-05", Decimal(5) / 12),
        ("2022", Decimal(1)),
        ("2022-01-01..2022-06-30", Decimal("0.5")),
        ("2022-01-01..2022-03-15", Decimal(74) / 365),
        ("2024-01-01..2024-03-15", Decimal(75) / 366),
    ],
)
def test_it_measures_time_progress_in_months_at_month_ends_else_in_days(code: str, progress: Decimal) -> None:
    assert parse_period(code).time_progress() == progress


@pytest.mark.parametrize(
    ("code", "previous"),
    [
        ("2022H1", "2021H1"),
        ("2024-02", "2023-02"),
        ("2022-06YTD", "2021-06YTD"),
        ("2024-02-29..2024-02-29", "2023-02-28..2023-02-28"),
        ("2025-01-01..2025-02-28", "2024-01-01..2024-02-29"),
        ("2024-01-01..2024-02-28", "2023-01-01..2023-02-28"),
    ],
)
def test_it_finds_the_same_period_a_year_earlier_safely_across_29_february(code: str, previous: str) -> None:
    assert parse_period(code).previous_year() == parse_period(previous)


@pytest.mark.parametrize(
    ("code", "ytd"),
    [
        ("2022Q3", "2022-09YTD"),
        ("2022H2", "2022-12YTD"),
        ("2022-03-01..2022-03-15", "2022-01-01..2022-03-15"),
    ],
)
def test_it_extends_a_period_to_the_start_of_its_year(code: str, ytd: str) -> None:
    assert parse_period(code).year_to_date() == parse_period(ytd)


def test_it_lists_the_months_clipping_partial_ones() -> None:
    months = parse_period("2022-02-15..2022-04-10").months()
    assert [m.code for m in months] == ["2022-02-15..2022-02-28", "2022-03", "2022-04-01..2022-04-10"]


def test_it_knows_its_year_and_what_it_contains() -> None:
    h1 = period_for("half", 2022, 1)
    assert h1.year_period() == parse_period("2022")
    assert h1.contains(date(2022, 6, 30))
    assert not h1.contains(date(2022, 7, 1))


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("上半年", "2022H1"),
        ("今年上半年", "2022H1"),
        ("下半年", "2022H2"),
        ("2022年上半年", "2022H1"),
        ("二〇二一年下半年", "2021H2"),
        ("一季度", "2022Q1"),
        ("第一季度", "2022Q1"),
        ("1季度", "2022Q1"),
        ("Q1", "2022Q1"),
        ("前三季度", "2022-09YTD"),
        ("1-6月", "2022-06YTD"),
        ("1至6月", "2022-06YTD"),
        ("一至六月", "2022-06YTD"),
        ("3-5月", "2022-03-01..2022-05-31"),
        ("5月", "2022-05"),
        ("十二月份", "2022-12"),
        ("全年", "2022"),
        ("今年", "2022"),
        ("本年", "2022"),
        ("去年", "2021"),
        ("上年", "2021"),
        ("2021年", "2021"),
        ("2021年1-6月", "2021-06YTD"),
        ("2022H1", "2022H1"),
    ],
)
def test_it_resolves_chinese_period_phrases_against_the_release_date(phrase: str, code: str) -> None:
    assert resolve_period_phrase(phrase, RELEASE_DATE) == parse_period(code)


@pytest.mark.parametrize("phrase", ["", "全年目标", "今年以来", "同期", "6-3月", "第五季度", "13月"])
def test_it_returns_none_for_phrases_it_does_not_know(phrase: str) -> None:
    assert resolve_period_phrase(phrase, RELEASE_DATE) is None


# Generated periods: every kind, leap years included.
years = st.integers(min_value=1901, max_value=2099)
named = st.one_of(
    years.map(lambda y: period_for("year", y)),
    st.builds(lambda y, i: period_for("half", y, i), years, st.integers(1, 2)),
    st.builds(lambda y, i: period_for("quarter", y, i), years, st.integers(1, 4)),
    st.builds(lambda y, i: period_for("month", y, i), years, st.integers(1, 12)),
    st.builds(lambda y, i: period_for("ytd", y, i), years, st.integers(1, 12)),
)
days = st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31))
ranges = st.builds(
    lambda a, n: parse_period(
        f"{a.isoformat()}..{min(a + timedelta(days=n), date(2099, 12, 31)).isoformat()}"
    ),
    days,
    st.integers(0, 800),
)
any_period = st.one_of(named, ranges)


@given(any_period)
def test_every_code_reads_back_as_its_period(period: Period) -> None:
    assert parse_period(period.code) == period
    assert period.start <= period.end


@given(any_period)
def test_time_progress_is_a_part_of_the_year(period: Period) -> None:
    assert 0 < period.time_progress() <= 1


@given(any_period)
def test_two_previous_years_shift_by_two_years(period: Period) -> None:
    earlier = period.previous_year().previous_year()
    assert earlier == period.previous_year(2)
    assert earlier.kind == period.kind
    for before, after in ((earlier.start, period.start), (earlier.end, period.end)):
        assert (before.year, before.month) == (after.year - 2, after.month)
        assert before.day == after.day or before.month == 2


@given(any_period)
def test_months_cover_exactly_the_period(period: Period) -> None:
    months = period.months()
    assert months[0].start == period.start
    assert months[-1].end == period.end
    for first, second in pairwise(months):
        assert second.start == first.end + timedelta(days=1)
    assert all(m.kind in ("month", "range") and m.start.month == m.end.month for m in months)


@given(any_period)
def test_year_to_date_runs_from_new_year_to_the_end(period: Period) -> None:
    ytd = period.year_to_date()
    assert (ytd.start, ytd.end) == (date(period.year, 1, 1), period.end)
    assert ytd.time_progress() == period.time_progress()


@given(any_period, st.sampled_from(["name_zh", "short_zh"]))
def test_every_period_has_a_chinese_name(period: Period, attribute: str) -> None:
    name = getattr(period, attribute)
    assert name
    assert not name.isascii()
