"""Reading cells: amounts in 万元/亿元, dates in every usual form, 是/否, choices, codes."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.records.imports_support import bad_uscc, make_uscc
from zhaoshang.projects.models import Stage
from zhaoshang.records.imports import cells


@pytest.mark.parametrize(
    ("cell", "yuan"),
    [
        ("3.5亿", 350_000_000),
        ("3.5亿元", 350_000_000),
        ("35000万元", 350_000_000),
        (35000, 350_000_000),
        ("35,000", 350_000_000),
        (880.5, 8_805_000),
        ("12000万", 120_000_000),
        (None, None),
        ("", None),
    ],
)
def test_amounts_are_read_as_integer_yuan(cell, yuan):
    assert cells.money(cell) == yuan


@pytest.mark.parametrize("cell", ["abc", "约3.5亿", "-5", True])
def test_an_unreadable_or_negative_amount_is_refused_in_chinese(cell):
    with pytest.raises(cells.CellError, match="金额"):
        cells.money(cell)


@pytest.mark.parametrize(
    "cell",
    [
        "2022-05-10",
        "2022/5/10",
        "2022.5.10",
        "2022年5月10日",
        "2022-05-10 00:00:00",
        "20220510",
        20220510,
        44691,
        datetime(2022, 5, 10, 0, 0),
        date(2022, 5, 10),
        "２０２２－０５－１０",
    ],
)
def test_dates_are_read_in_every_usual_form(cell):
    assert cells.day(cell) == date(2022, 5, 10)


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        ("2022-13-01", "不存在"),
        ("2022-02-30", "不存在"),
        ("下周一", "无法识别的日期"),
        (-3, "无法识别的日期"),
    ],
)
def test_an_impossible_or_unreadable_date_is_refused(cell, why):
    with pytest.raises(cells.CellError, match=why):
        cells.day(cell)


@pytest.mark.parametrize(
    ("cell", "value"),
    [("是", True), ("否", False), ("Y", True), (0, False), (True, True), ("√", True), (None, None)],
)
def test_yes_and_no(cell, value):
    assert cells.boolean(cell) is value


def test_anything_else_is_not_a_yes_or_no():
    with pytest.raises(cells.CellError, match="应填写“是”或“否”"):
        cells.boolean("也许")


def test_a_choice_is_read_by_its_label_its_value_or_with_yi():
    read = cells.choice(Stage.choices)
    assert [read(c) for c in ("签约", "signed", "已签约", "开工")] == [
        "signed",
        "signed",
        "signed",
        "started",
    ]
    with pytest.raises(cells.CellError, match="可填：线索、洽谈、签约"):
        read("谈判")


def test_codes_are_checked_and_lists_keep_their_order():
    assert cells.uscc(f" {make_uscc(3).lower()} ") == make_uscc(3)
    with pytest.raises(cells.CellError, match="校验位"):
        cells.uscc(bad_uscc(3))
    assert cells.usccs(f"{make_uscc(1)}、-、{make_uscc(2)}") == [make_uscc(1), "", make_uscc(2)]
    assert cells.names("甲公司、乙公司；丙公司") == ["甲公司", "乙公司", "丙公司"]


def test_text_drops_excels_decimal_point_and_refuses_what_is_too_long():
    assert cells.text(3670.0) == "3670"
    with pytest.raises(cells.CellError, match="最多 5 个字"):
        cells.text("一二三四五六", 5)
