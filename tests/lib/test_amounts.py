from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhaoshang.lib.amounts import (
    Quantity,
    QuantityParseError,
    admitted_range,
    format_amount,
    format_count,
    format_percent,
    parse_amount,
    parse_count,
    parse_money_cell,
    parse_percent,
    parse_quantity,
    to_wan,
    to_yi,
)

D = Decimal
YI = 100_000_000
WAN = 10_000


# The seed article's phrases: what they hold and what they admit.
@pytest.mark.parametrize(
    ("text", "value", "kind", "unit_text", "qualifier", "low", "high"),
    [
        ("超320亿元", D(320 * YI), "money", "亿元", "超", D(320 * YI), D(336 * YI)),
        ("122亿元", D(122 * YI), "money", "亿元", None, D("121.5") * YI, D("122.5") * YI),
        ("近40%", D("0.4"), "percent", "%", "近", D("0.375"), D("0.4")),
        ("109%", D("1.09"), "percent", "%", None, D("1.085"), D("1.095")),
        ("50个", D(50), "count", "个", None, D(50), D(50)),
        ("五十个", D(50), "count", "个", None, D(50), D(50)),
        ("26家", D(26), "count", "家", None, D(26), D(26)),
        ("42家", D(42), "count", "家", None, D(42), D(42)),
        ("12家", D(12), "count", "家", None, D(12), D(12)),
        ("3.5万元", D(35_000), "money", "万元", None, D(34_500), D(35_500)),
    ],
)
def test_it_reads_the_article_phrases(
    text: str, value: Decimal, kind: str, unit_text: str, qualifier: str | None, low: Decimal, high: Decimal
) -> None:
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.kind, quantity.unit_text, quantity.qualifier, quantity.text) == (
        value, kind, unit_text, qualifier, text,
    )  # fmt: skip
    assert admitted_range(quantity) == (low, high)


def test_it_admits_the_ledger_figures_behind_the_article() -> None:
    contract, manufacturing, target = 32_050_000_000, 12_200_000_000, 11_200_000_000
    checks = [("超320亿元", D(contract)), ("122亿元", D(manufacturing)), ("近40%", D(manufacturing) / contract),
              ("109%", D(manufacturing) / target)]  # fmt: skip
    for text, truth in checks:
        low, high = admitted_range(parse_quantity(text))
        assert low <= truth <= high, text


@pytest.mark.parametrize(
    ("text", "value", "unit_text", "currency"),
    [
        ("32,050元", D(32_050), "元", "CNY"),
        ("３２,０５０元", D(32_050), "元", "CNY"),
        ("3.5亿元", D(350_000_000), "亿元", "CNY"),
        ("3.5亿", D(350_000_000), "亿", "CNY"),
        ("3.2万亿元", D(3_200_000_000_000), "万亿元", "CNY"),
        ("三百二十亿元", D(320 * YI), "亿元", "CNY"),
        ("两千万元", D(20_000_000), "万元", "CNY"),
        ("三亿五千万元", D(350_000_000), "万元", "CNY"),
        ("三万五千元", D(35_000), "元", "CNY"),
        ("1.2亿美元", D(120_000_000), "亿美元", "USD"),
        ("800万美元", D(8_000_000), "万美元", "USD"),
        ("-3.5万元", D(-35_000), "万元", "CNY"),
        (" 122 亿元 ", D(122 * YI), "亿元", "CNY"),
    ],
)
def test_it_reads_money_in_every_unit_and_numeral(
    text: str, value: Decimal, unit_text: str, currency: str
) -> None:
    quantity = parse_amount(text)
    assert (quantity.value, quantity.unit_text, quantity.currency) == (value, unit_text, currency)


@pytest.mark.parametrize(
    ("text", "value", "unit_text"),
    [("一百零九%", D("1.09"), "%"), ("百分之四十", D("0.4"), "%"), ("38.07％", D("0.3807"), "%"),
     ("5个百分点", D("0.05"), "个百分点"), ("-2.5%", D("-0.025"), "%")],
)  # fmt: skip
def test_it_reads_percentages_as_fractions(text: str, value: Decimal, unit_text: str) -> None:
    quantity = parse_percent(text)
    assert (quantity.value, quantity.unit_text, quantity.currency) == (value, unit_text, None)


@pytest.mark.parametrize(
    ("text", "value", "unit_text"),
    [
        ("50个", 50, "个"),
        ("3项", 3, "项"),
        ("120户", 120, "户"),
        ("8次", 8, "次"),
        ("1.2万家", 12_000, "万家"),
    ],
)
def test_it_reads_counts_with_their_measure_words(text: str, value: int, unit_text: str) -> None:
    quantity = parse_count(text)
    assert (quantity.value, quantity.unit_text) == (D(value), unit_text)
    assert quantity.value == quantity.value.to_integral_value()


@pytest.mark.parametrize(
    ("text", "mu"),
    [
        ("120亩", D(120)),
        ("6666平方米", D("9.999")),
        ("1万平方米", D(15)),
        ("2公顷", D(30)),
        ("1平方公里", D(1500)),
    ],
)
def test_it_keeps_area_in_mu(text: str, mu: Decimal) -> None:
    quantity = parse_quantity(text)
    assert (quantity.kind, quantity.value) == ("area", mu)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("超过320亿元", "超"), ("接近40%", "近"), ("将近40%", "近"), ("近乎40%", "近"), ("大约50个", "约"),
     ("50个左右", "约"), ("达到42家", "达"), ("高达42家", "达"), ("逾百分之五十", "逾"), ("突破300亿元", "突破"),
     ("300余亿元", "余"), ("50多个", "多"), ("10亿元以上", "以上"), ("达300余家", "余"),
     ("1万余家", "余")],
)  # fmt: skip
def test_it_writes_the_canonical_short_qualifier(text: str, qualifier: str) -> None:
    quantity = parse_quantity(text)
    assert quantity.qualifier == qualifier
    assert quantity.text == text


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("约320亿元", D(304 * YI), D(336 * YI)),
        ("近320亿元", D(304 * YI), D(320 * YI)),
        ("达42家", D(42), D(44)),
        ("超50个", D(51), D(52)),
        ("近50个", D(48), D(49)),
        ("50余个", D(51), D(60)),
        ("300多亿元", D(300 * YI), D(400 * YI)),
        ("超5%", D("0.05"), D("0.075")),
        ("约7%", D("0.045"), D("0.095")),
        ("3.50亿元", D("3.495") * YI, D("3.505") * YI),
        ("0元", D(0), D("0.5")),
    ],
)
def test_it_admits_the_band_its_qualifier_allows(text: str, low: Decimal, high: Decimal) -> None:
    assert admitted_range(parse_quantity(text)) == (low, high)


def test_it_falls_back_to_the_value_when_a_quantity_is_built_by_hand() -> None:
    quantity = Quantity(D(122 * YI), "money", "亿元", None, "CNY", "122亿元")
    assert admitted_range(quantity) == (D("12199999999.5"), D("12200000000.5"))


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "",
        "50",
        "亿元",
        "超亿元",
        "3.5个",
        "超50余个",
        "50%万",
        "1,23元",
        "五十五十个",
        "十十一亩",
        "近0个",
        "超0%",
    ],
)
def test_it_refuses_what_is_not_a_figure_in_chinese(text: str) -> None:
    with pytest.raises(QuantityParseError, match="无法识别的数量"):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("parse", "text"), [(parse_amount, "50个"), (parse_percent, "3.5万元"), (parse_count, "40%")]
)
def test_it_refuses_the_wrong_kind(parse: object, text: str) -> None:
    with pytest.raises(QuantityParseError, match=r"无法识别的.*这是"):
        parse(text)  # type: ignore[operator]


def test_it_names_the_amount_in_its_error_message() -> None:
    with pytest.raises(QuantityParseError, match="无法识别的金额：“abc”"):
        parse_amount("abc")


@pytest.mark.parametrize(
    ("yuan", "headline", "exact"),
    [
        (32_050_000_000, "超320亿元", "320.5亿元"),
        (12_200_000_000, "122亿元", "122亿元"),
        (31_996_000_000, "近320亿元", "319.96亿元"),
        (35_000, "3.5万元", "3.5万元"),
        (35_020, "超3.5万元", "3.5万元"),
        (99_999_999, "近1亿元", "1亿元"),
        (100_000_001, "超1亿元", "1亿元"),
        (9_999, "9999元", "9999元"),
        (0, "0元", "0元"),
        (D("0.05"), "0.05元", "0.05元"),
    ],
)
def test_it_writes_amounts_in_both_styles(yuan: int | Decimal, headline: str, exact: str) -> None:
    assert format_amount(yuan) == headline
    assert format_amount(yuan, style="exact") == exact


def test_it_writes_320_5_yi_as_chao_320() -> None:
    assert format_amount(32_050_000_000, style="headline") == "超320亿元"


def test_it_writes_a_forced_unit_and_dollars() -> None:
    assert format_amount(32_050_000_000, style="exact", unit="万元") == "3205000万元"
    assert format_amount(150_000_000, currency="USD") == "1.5亿美元"
    assert format_amount(-35_000, style="exact") == "-3.5万元"


@pytest.mark.parametrize(
    "kwargs", [{"style": "fancy"}, {"currency": "EUR"}, {"unit": "亿美元"}, {"unit": "千元"}]
)
def test_it_refuses_unknown_styles_units_and_currencies(kwargs: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="未知"):
        format_amount(100, **kwargs)  # type: ignore[arg-type]


def test_it_writes_negative_amounts_only_exactly() -> None:
    with pytest.raises(ValueError, match="负数"):
        format_amount(-1)


@pytest.mark.parametrize(
    ("fraction", "exact", "headline"),
    [
        (D("1.0893"), "109%", "近110%"),
        (D("0.5"), "50%", "50%"),
        (0.381, "38%", "近40%"),
        (D("0.42"), "42%", "超40%"),
        (D("0.4003"), "40%", "40%"),
        (D("0.33"), "33%", "33%"),
        (D("0.331"), "33%", "约33%"),
        (D("0.071"), "7%", "约7%"),
        (D("0.0031"), "0%", "约0.3%"),
        (0, "0%", "0%"),
        (1, "100%", "100%"),
    ],
)
def test_it_writes_percentages_in_both_styles(
    fraction: Decimal | float | int, exact: str, headline: str
) -> None:
    assert format_percent(fraction) == exact
    assert format_percent(fraction, style="headline") == headline


def test_it_writes_percent_decimals_when_asked() -> None:
    assert format_percent(D("0.38067"), places=2) == "38.07%"


def test_it_writes_counts_with_a_measure_word() -> None:
    assert (format_count(50), format_count(26, "家")) == ("50个", "26家")
    with pytest.raises(ValueError, match="量词"):
        format_count(5, "亿元")
    with pytest.raises(TypeError, match="整数"):
        format_count(True)


@pytest.mark.parametrize(
    ("convert", "yuan", "expected"),
    [(to_yi, 32_050_000_000, "320.50"), (to_yi, 12_345_678, "0.12"), (to_wan, 35_000, "3.50"),
     (to_wan, 12_345, "1.23"), (to_wan, 12_355, "1.24")],
)  # fmt: skip
def test_it_converts_yuan_for_tables_rounding_half_up(convert: object, yuan: int, expected: str) -> None:
    assert str(convert(yuan)) == expected  # type: ignore[operator]


@pytest.mark.parametrize(
    ("cell", "unit", "yuan"),
    [("3.5亿", "万元", 350_000_000), ("3.5亿元", "万元", 350_000_000), ("12,000万元", "万元", 120_000_000),
     (1200, "万元", 12_000_000), ("1200", "万元", 12_000_000), (3.5, "亿元", 350_000_000),
     (D("0.5"), "元", 1), ("￥ 2.5万", "元", 25_000), ("８００", "万美元", 8_000_000)],
)  # fmt: skip
def test_it_reads_spreadsheet_money_cells(cell: str | int | float | Decimal, unit: str, yuan: int) -> None:
    assert parse_money_cell(cell, default_unit=unit) == yuan


@pytest.mark.parametrize("cell", ["abc", "", None, True, float("nan"), "约3.5亿元", "50个"])
def test_it_refuses_money_cells_it_cannot_trust(cell: object) -> None:
    with pytest.raises(QuantityParseError, match="金额"):
        parse_money_cell(cell)  # type: ignore[arg-type]


# Both ways: whatever the formatters write, the parser reads back a range that holds the value.
@given(yuan=st.integers(min_value=0, max_value=10**13), style=st.sampled_from(["exact", "headline"]))
def test_every_written_amount_admits_its_value(yuan: int, style: str) -> None:
    quantity = parse_amount(format_amount(yuan, style=style))
    low, high = admitted_range(quantity)
    assert low <= yuan <= high


@given(yuan=st.integers(min_value=0, max_value=10**13), currency=st.sampled_from(["CNY", "USD"]))
def test_exact_amounts_read_back_within_half_a_cent_of_the_unit(yuan: int, currency: str) -> None:
    quantity = parse_amount(format_amount(yuan, style="exact", currency=currency))
    assert quantity.currency == currency
    assert abs(quantity.value - yuan) <= quantity.scale / 200


@given(
    fraction=st.integers(min_value=0, max_value=50_000).map(lambda n: D(n) / 10_000),
    style=st.sampled_from(["exact", "headline"]),
)
def test_every_written_percentage_admits_its_fraction(fraction: Decimal, style: str) -> None:
    low, high = admitted_range(parse_percent(format_percent(fraction, style=style)))
    assert low <= fraction <= high


@given(n=st.integers(min_value=0, max_value=10**9), unit=st.sampled_from(list("个家项户次")))
def test_every_written_count_reads_back_exactly(n: int, unit: str) -> None:
    quantity = parse_count(format_count(n, unit))
    assert quantity.value == n
    assert admitted_range(quantity) == (n, n)


@given(text=st.text(max_size=12))
def test_it_never_fails_with_anything_but_a_parse_error(text: str) -> None:
    try:
        quantity = parse_quantity(text)
    except QuantityParseError:
        return
    low, high = admitted_range(quantity)
    assert low <= high


@pytest.mark.parametrize("text", ["5亿美元", "5亿港元", "3000万欧元", "2亿日元", "1亿美金"])
def test_another_currency_in_a_yuan_cell_is_refused_never_read_as_yuan(text):
    with pytest.raises(QuantityParseError, match="币种不符"):
        parse_money_cell(text, default_unit="万元")


def test_yuan_in_a_dollar_cell_is_refused_and_a_bare_yi_is_in_the_cells_currency():
    with pytest.raises(QuantityParseError, match="不是美元金额"):
        parse_money_cell("3.5亿元", default_unit="万美元")
    assert parse_money_cell("3.5亿", default_unit="万美元") == 350_000_000
    assert parse_money_cell("2万美元", default_unit="万美元") == 20_000
