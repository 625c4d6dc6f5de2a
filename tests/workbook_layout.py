"""Checks of the bureau layout every list export has (core/workbooks.ListSheet): title, unit and cut-off
row, the header at row 3 with the unit in every amount header, borders and the print setup."""

from __future__ import annotations

import re
from typing import Any

from openpyxl.utils import get_column_letter

HEADER_ROW = 3
MONEY_FORMAT = "#,##0.00"
_AMOUNT_HEADER = re.compile(r"（[^（）]*(?:元|美元)[^（）]*）$")


def header(sheet: Any) -> list[Any]:
    return [c.value for c in sheet[HEADER_ROW]]


def records(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))


def _bordered(cell: Any) -> bool:
    b = cell.border
    return all(side is not None and side.style == "thin" for side in (b.left, b.right, b.top, b.bottom))


def assert_bureau_layout(sheet: Any, *, title: str, unit: str | None = None) -> None:
    """`sheet` (read back with openpyxl) is laid out for printing and forwarding; `unit` is the money
    unit its unit row must name."""
    width = len(header(sheet))
    assert sheet["A1"].value == title and sheet["A1"].font.b
    if width > 1:
        merged = {str(r) for r in sheet.merged_cells.ranges}
        last = get_column_letter(width)
        assert {f"A1:{last}1", f"A2:{last}2"} <= merged
    line = sheet["A2"].value
    assert re.search(r"数据截至：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", line), line
    if unit is not None:
        assert line.startswith(f"单位：{unit}"), line
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert "&P" in sheet.oddFooter.center.text
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, max_col=width))
    assert all(_bordered(c) for row in rows for c in row), "every header and record cell is bordered"
    assert all(c.font.b for c in rows[0])
    names = header(sheet)
    unit_column = names.index("单位") if "单位" in names else None  # a table whose unit changes by row
    for column, name in enumerate(names):
        if _AMOUNT_HEADER.search(name):
            continue
        for row in rows[1:]:
            if row[column].number_format == MONEY_FORMAT and row[column].value is not None:
                row_unit = row[unit_column].value if unit_column is not None else ""
                assert str(row_unit).endswith("元"), f"the amount {name!r} in row {row[0].row} names no unit"
