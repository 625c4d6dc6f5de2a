"""Bounds on what an uploaded Office file may cost before it is parsed (no Django).

A .docx or .xlsx is a zip archive: a 751 KB .docx can inflate to a 300 MB document.xml, and an 80 KB
.xlsx declaring ``<dimension ref="A1:XFD10001">`` makes a reader pad every row to 16,384 cells. So:

- `check_zip` reads the archive's directory (nothing is inflated) and refuses too many members, a part
  or a total larger than the limits. The declared sizes can be trusted as bounds: Python's zipfile, which
  python-docx and openpyxl read through, stops inflating a member at its declared size (and then fails
  its CRC check), so a member never yields more than the directory says.
- `sheet_rows` refuses a worksheet that declares more than `max_columns` columns or `max_rows` rows, then
  reads it without trusting that declaration, refusing a row wider than `max_columns` (refused, not cut)
  and more than `max_rows` rows, blank ones included.

Messages are Chinese: they are shown to the user as they are.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

MB = 1024 * 1024


class ContainerTooLarge(ValueError):
    """An archive or sheet beyond the limits (message in Chinese)."""


@dataclass(frozen=True)
class ZipLimits:
    max_members: int
    max_part: int  # inflated bytes of any one member `counted` selects
    max_total: int  # inflated bytes of all members together
    counted: Callable[[str], bool] = lambda name: True


# A press release: its XML parts a few MB at most; images and fonts are carried but not parsed.
DOCX = ZipLimits(max_members=1000, max_part=20 * MB, max_total=100 * MB, counted=lambda n: n.endswith(".xml"))
# An import sheet of 100,000 rows; openpyxl streams worksheets, but holds shared strings and styles whole.
XLSX = ZipLimits(max_members=1000, max_part=200 * MB, max_total=300 * MB)


def check_zip(source: bytes | str | IO[bytes], limits: ZipLimits) -> None:
    """Refuse an archive whose directory declares more than `limits` (raises ContainerTooLarge).
    An archive that is not a zip file at all is left to the reader, which says so in its own words."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if len(members) > limits.max_members:
        raise ContainerTooLarge(f"文件包含 {len(members)} 个部件，超过上限 {limits.max_members} 个，未读取。")
    total = 0
    for member in members:
        total += member.file_size
        if limits.counted(member.filename) and member.file_size > limits.max_part:
            raise ContainerTooLarge(
                f"文件中的“{member.filename[:80]}”解压后达 {member.file_size / MB:.0f} MB，"
                f"超过上限 {limits.max_part // MB} MB（可能是压缩炸弹），未读取。"
            )
    if total > limits.max_total:
        raise ContainerTooLarge(
            f"文件解压后共 {total / MB:.0f} MB，超过上限 {limits.max_total // MB} MB（可能是压缩炸弹），未读取。"
        )


def _column_name(n: int) -> str:
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def sheet_rows(sheet: Any, *, max_columns: int, max_rows: int | None = None) -> Iterator[tuple[Any, ...]]:
    """The rows of an openpyxl read-only worksheet as value tuples (trailing empty cells dropped), never
    wider than `max_columns` nor longer than `max_rows` (blank rows included), whatever dimension the sheet
    declares: a row reaching past `max_columns`, even with an empty formatted cell, is refused."""
    declared_columns, declared_rows = sheet.max_column or 0, sheet.max_row or 0
    if declared_columns > max_columns or (max_rows is not None and declared_rows > max_rows):
        raise ContainerTooLarge(
            f"工作表声明的范围达 {declared_rows} 行 × {declared_columns} 列"
            f"（上限 {max_rows or '不限'} 行 × {max_columns} 列），未读取。请只保留需要导入的行和列。"
        )
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # the declared <dimension> is the sender's word; read what is there
    # Unsized, each row is as wide as its own last cell (one row at a time), and missing rows are empty.
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if max_rows is not None and number > max_rows:
            raise ContainerTooLarge(f"工作表超过 {max_rows} 行，未读取。请分批导入。")
        if len(row) > max_columns:
            raise ContainerTooLarge(
                f"工作表第 {number} 行超过 {max_columns} 列（{_column_name(max_columns)} 列之后仍有单元格），"
                "未读取。请删除多余的列后重新上传。"
            )
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        yield tuple(cells)


# --- .xls and .ods: python-calamine builds a dense grid from the first to the last cell of every sheet --------
# A 6 KB .xls with one cell in A1 and one in IV65536 costs calamine 1 GB, so the cells' extent is measured
# from the file's own records first (cheaply, without building anything) and bounded.

_BIFF_CELLS = {0x0006, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6, 0x0406, 0x0003, 0x0004}  # row, col, …
_BIFF_MULRK = 0x00BD  # row, first col, …, last col (blank cells, which calamine skips, are not counted)
_BIFF_BOF = 0x0809


def _refuse_extent(rows: int, columns: int, *, max_rows: int, max_columns: int, max_cells: int) -> None:
    if columns > max_columns:
        raise ContainerTooLarge(
            f"工作表有 {columns} 列（{_column_name(columns)} 列仍有内容），超过上限 {max_columns} 列，未读取。"
            "请删除多余的列后重新上传。"
        )
    if rows > max_rows or rows * columns > max_cells:
        raise ContainerTooLarge(
            f"工作表的范围达 {rows} 行 × {columns} 列（上限 {max_rows} 行、共 {max_cells} 个单元格），"
            "未读取。请分批导入。"
        )


def check_xls(data: bytes, *, max_rows: int, max_columns: int, max_cells: int) -> None:
    """Refuse a legacy .xls (BIFF5/8) whose sheets' cells span more than the limits, from its records."""
    import struct

    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            name = "Workbook" if ole.exists("Workbook") else "Book"
            stream = ole.openstream(name).read()
    except (OSError, ValueError, IndexError, struct.error):
        return  # not an OLE2 workbook: the reader says so in its own words
    extent: list[int] = [0, 0]
    position, end = 0, len(stream)
    while position + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        if kind == _BIFF_BOF:
            extent = [0, 0]
        elif (kind in _BIFF_CELLS and length >= 4) or (kind == _BIFF_MULRK and length >= 6):
            row, first = struct.unpack_from("<HH", stream, body)
            last = struct.unpack_from("<H", stream, body + length - 2)[0] if kind == _BIFF_MULRK else first
            extent = [max(extent[0], row + 1), max(extent[1], max(first, last) + 1)]
            _refuse_extent(*extent, max_rows=max_rows, max_columns=max_columns, max_cells=max_cells)
        position = body + length


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
ODS = ZipLimits(max_members=1000, max_part=200 * MB, max_total=300 * MB)


def _ods_count(element: Any, name: str) -> int:
    try:
        return max(1, int(element.get(f"{_ODS_TABLE}{name}", "1")))
    except ValueError:
        return 1


def check_ods(data: bytes, *, max_rows: int, max_columns: int, max_cells: int) -> None:
    """Refuse an .ods whose archive is too large or whose tables' filled cells (repeats expanded) span more
    than the limits; empty repeated rows and cells, which every LibreOffice file ends with, cost nothing."""
    import io

    from lxml import etree

    check_zip(data, ODS)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        content = archive.open("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return
    rows = columns = 0
    row_number = 0
    events = etree.iterparse(
        content, events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=False
    )
    try:
        for event, element in events:
            tag = element.tag
            if event == "start" and tag == f"{_ODS_TABLE}table":
                rows = row_number = 0
            elif event == "end" and tag == f"{_ODS_TABLE}table-row":
                repeat, column, used = _ods_count(element, "number-rows-repeated"), 0, 0
                for cell in element:
                    span = _ods_count(cell, "number-columns-repeated")
                    column += span
                    if cell.get(f"{_ODS_OFFICE}value-type") or len(cell):
                        used = column
                row_number += repeat
                if used:
                    rows, columns = row_number, max(columns, used)
                    _refuse_extent(
                        rows, columns, max_rows=max_rows, max_columns=max_columns, max_cells=max_cells
                    )
                element.clear()
                while element.getprevious() is not None:  # keep no finished rows in memory
                    del element.getparent()[0]
    except etree.XMLSyntaxError:
        return  # the reader refuses a damaged file in its own words
    finally:
        content.close()
        archive.close()
