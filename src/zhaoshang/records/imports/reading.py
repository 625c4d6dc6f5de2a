"""Reading the rows of an uploaded table: .xlsx, .xls, .ods (first sheet) or text (.csv/.txt/.tsv in UTF-8,
UTF-16, GBK or GB18030, comma- or tab-separated).

Every reader is bounded before it parses (issue 14.5): the file's size; an archive's directory (.xlsx,
.ods); the extent of the cells .xls and .ods records span (python-calamine builds a dense grid); rows and
columns as they are read. The header is found under a bureau's title rows (header.py).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from zhaoshang.lib.containers import XLSX, ContainerTooLarge, check_ods, check_xls, check_zip, sheet_rows
from zhaoshang.records.imports.columns import Column
from zhaoshang.records.imports.header import Skipped, header_position, sheet_unit, skip_reason

MAX_ROWS = 100_000
MAX_BYTES = 20 * 1024 * 1024
# No import has more than a few dozen columns; a sheet may not claim more (its declared dimension is ignored).
MAX_COLUMNS = 100
MAX_SHEET_ROWS = 2 * MAX_ROWS  # rows read, blank ones included
MAX_CELLS = 2_500_000  # .xls/.ods: the dense grid python-calamine builds (about 32 bytes a cell)
SUFFIXES = (".xlsx", ".xls", ".ods", ".csv", ".txt", ".tsv")
Source = str | Path | bytes | IO[bytes]
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
Rows = Iterator[tuple[Any, ...]]


class TableError(ValueError):
    """A file that is not a table we can read (message in Chinese)."""


@dataclass
class Table:
    headers: list[Any]
    rows: list[tuple[int, tuple[Any, ...]]]  # (row number as Excel shows it, cells)
    header_row: int = 1
    sheet_unit: str = ""  # "单位：万元" in a title row above the header
    skipped: list[Skipped] = field(default_factory=list)


def _too_large() -> TableError:
    return TableError(_("文件过大（上限 %(n)d MB）。") % {"n": MAX_BYTES // 1024 // 1024})


def _bytes(source: Source) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, ""
    if isinstance(source, str | Path):
        path = Path(source)
        if path.stat().st_size > MAX_BYTES:
            raise _too_large()
        return path.read_bytes(), path.name
    if hasattr(source, "seek"):
        source.seek(0)
    data = source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _too_large()
    return data, str(getattr(source, "name", "") or "")


def _xlsx_rows(data: bytes) -> Rows:
    from openpyxl import load_workbook

    try:
        check_zip(data, XLSX)  # from the archive's directory, before anything is inflated
    except ContainerTooLarge as exc:
        raise TableError(str(exc)) from exc
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
        raise TableError(_("文件不是有效的 .xlsx 工作簿。")) from exc
    try:
        yield from sheet_rows(book.worksheets[0], max_columns=MAX_COLUMNS, max_rows=MAX_SHEET_ROWS)
    except ContainerTooLarge as exc:
        raise TableError(str(exc)) from exc
    except SyntaxError as exc:  # lxml's XMLSyntaxError (a damaged or entity-laden sheet)
        raise TableError(_("文件不是有效的 .xlsx 工作簿。")) from exc
    finally:
        book.close()


def _calamine_rows(data: bytes, kind: str) -> Rows:
    """The first sheet of an .xls or .ods through python-calamine, once its extent has been bounded."""
    from python_calamine import CalamineError, CalamineWorkbook

    check = check_xls if kind == ".xls" else check_ods
    try:
        check(data, max_rows=MAX_SHEET_ROWS, max_columns=MAX_COLUMNS, max_cells=MAX_CELLS)
    except ContainerTooLarge as exc:
        raise TableError(str(exc)) from exc
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = book.get_sheet_by_index(0)
    except (CalamineError, OSError, ValueError, IndexError) as exc:
        raise TableError(_("文件不是有效的 %(kind)s 工作簿。") % {"kind": kind}) from exc
    top, left = sheet.start or (0, 0)
    for _row in range(top):  # rows above the first cell, so that rows are numbered as Excel does
        yield ()
    for cells in sheet.iter_rows():
        row = [None] * left + [None if c == "" else c for c in cells]
        while row and row[-1] is None:
            row.pop()
        yield tuple(row)


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text" (.txt)
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):  # GB18030 is the superset of GB2312 and GBK
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(_("无法识别文本文件的编码（请用 UTF-8 或 GBK）。"))


def _text_rows(data: bytes) -> Rows:
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TableError(_("文件含有二进制内容，不是 .csv 或 .txt 表格。"))
    decoded = _decode(data)
    sample = decoded[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    for number, row in enumerate(csv.reader(io.StringIO(decoded), delimiter=delimiter), start=1):
        if number > MAX_SHEET_ROWS:
            raise TableError(_("工作表超过 %(n)d 行，未读取。请分批导入。") % {"n": MAX_SHEET_ROWS})
        if len(row) > MAX_COLUMNS and any(c.strip() for c in row[MAX_COLUMNS:]):
            raise TableError(
                _("第 %(row)d 行超过 %(n)d 列，未读取。请删除多余的列后重新上传。")
                % {"row": number, "n": MAX_COLUMNS}
            )
        yield tuple(cell if cell.strip() != "" else None for cell in row[:MAX_COLUMNS])


def _rows(source: Source) -> Rows:
    data, name = _bytes(source)
    suffix = Path(name).suffix.lower()
    if data.startswith(b"PK"):
        is_ods = suffix == ".ods" or data[30:100].find(_ODS_MIMETYPE) >= 0
        return _calamine_rows(data, ".ods") if is_ods else _xlsx_rows(data)
    if data.startswith(_OLE2):
        return _calamine_rows(data, ".xls")
    if suffix in (".xls", ".xlsx") and data.lstrip()[:1] == b"<":
        raise TableError(
            _("该文件名为 %(suffix)s，实际是网页（HTML）格式：请在 Excel 或 WPS 中另存为 .xlsx 后重新上传。")
            % {"suffix": suffix}
        )
    if suffix in (".csv", ".txt", ".tsv") or (not name and data):
        return _text_rows(data)
    raise TableError(_("请上传 Excel 工作簿（.xlsx、.xls）、.ods 或 .csv/.txt 表格。"))


def _blank(cells: tuple[Any, ...]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _numbered(rows: Rows) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Non-blank rows with their row number as Excel shows it."""
    for number, cells in enumerate(rows, start=1):
        if not _blank(cells):
            yield number, tuple(cells)


def read_table(source: Source, columns: Sequence[Column] = ()) -> Table:
    """The header row (found among the first rows by the columns it names; else the first non-empty row),
    and the data rows after it; blank rows, section rows, 合计/小计 rows and notes are skipped."""
    found: list[tuple[int, tuple[Any, ...]]] = []
    for numbered in _numbered(_rows(source)):
        found.append(numbered)
        if len(found) > MAX_ROWS + 50:
            raise TableError(_("行数超过上限（%(n)d 行），请分批导入。") % {"n": MAX_ROWS})
    if not found:
        raise TableError(_("工作表为空。"))
    at = header_position(found, columns) if columns else 0
    table = Table(
        headers=list(found[at][1]),
        rows=[],
        header_row=found[at][0],
        sheet_unit=sheet_unit([cells for _n, cells in found[:at]]),
    )
    for number, cells in found[at + 1 :]:
        if (why := skip_reason(cells)) is not None:
            table.skipped.append(Skipped(number, str(why)))
            continue
        table.rows.append((number, cells))
        if len(table.rows) > MAX_ROWS:
            raise TableError(_("行数超过上限（%(n)d 行），请分批导入。") % {"n": MAX_ROWS})
    return table


def read_headers(source: Source, columns: Sequence[Column] = ()) -> list[str]:
    """Only the header row (for the mapping form), reading no more than the first rows of the sheet."""
    from zhaoshang.records.imports.header import SCAN_ROWS

    first: list[tuple[int, tuple[Any, ...]]] = []
    for numbered in _numbered(_rows(source)):
        first.append(numbered)
        if len(first) >= SCAN_ROWS:
            break
    if not first:
        raise TableError(_("工作表为空。"))
    cells = first[header_position(first, columns) if columns else 0][1]
    return [str(c).strip() if c is not None else "" for c in cells]
