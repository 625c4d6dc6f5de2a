"""core/workbooks.ListSheet on its own: the rules every list export inherits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from tests.workbook_layout import assert_bureau_layout, header, records
from zhaoshang.core.workbooks import DATE, INTEGER, MONEY, Heading, ListSheet, money, new_book, to_bytes


def test_an_amount_column_without_a_unit_cannot_be_declared():
    with pytest.raises(ValueError, match="names no unit"):
        Heading("合同投资额", number_format=MONEY)
    assert money("合同投资额", "亿元").label == "合同投资额（亿元）"


def test_a_list_sheet_streams():
    with pytest.raises(ValueError, match="new_book"):
        ListSheet(Workbook(), "x", title="x", headings=["a"])


def test_a_sheet_is_laid_out_and_keeps_values_exact_and_formula_like_text_as_text():
    book = new_book()
    sheet = ListSheet(
        book,
        "台账",
        title="某区项目台账",
        headings=["项目名称", money("合同投资额", "万元"), Heading("签约日期", number_format=DATE), "数值"],
        unit="万元",
        note="统计期间：2022年上半年",
    )
    sheet.append(['=HYPERLINK("https://evil.example")', Decimal("12345.6789"), date(2022, 5, 1), 3])
    sheet.append(["乙", None, None, date(2022, 6, 1)], formats=[None, None, None, INTEGER])
    read = load_workbook(BytesIO(to_bytes(book)))["台账"]
    assert_bureau_layout(read, title="某区项目台账", unit="万元")
    assert "统计期间：2022年上半年" in read["A2"].value
    assert header(read) == ["项目名称", "合同投资额（万元）", "签约日期", "数值"]
    first, second = records(read)
    assert first[1] == 12345.6789 and first[2].date() == date(2022, 5, 1)
    assert read["A4"].data_type == "s" and read["A4"].quotePrefix
    assert (read["B4"].number_format, read["C4"].number_format) == (MONEY, DATE)
    assert read["D5"].number_format == INTEGER  # a row's own format wins over the column's
    assert second[0] == "乙"
