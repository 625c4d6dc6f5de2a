"""Reading the rows of an uploaded table: .xlsx (first sheet) or .csv (UTF-8 or GBK)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from zhaoshang.lib.containers import XLSX, ContainerTooLarge, check_zip, sheet_rows

MAX_ROWS = 100_000
MAX_BYTES = 20 * 1024 * 1024
# No import has more than a few dozen columns; a sheet may not claim more (its declared dimension is ignored).
MAX_COLUMNS = 100
MAX_SHEET_ROWS = 2 * MAX_ROWS  # rows read, blank ones included
Source = str | Path | bytes | IO[bytes]


class TableError(ValueError):
    """A file that is not a table we can read (message in Chinese)."""


@dataclass
class Table:
    headers: list[Any]
    rows: list[tuple[int, tuple[Any, ...]]]  # (row number as Excel shows it, cells)


def _bytes(source: Source) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, ""
    if isinstance(source, str | Path):
        path = Path(source)
        if path.stat().st_size > MAX_BYTES:
            raise TableError(_("文件过大（上限 %(n)d MB）。") % {"n": MAX_BYTES // 1024 // 1024})
        return path.read_bytes(), path.name
    if hasattr(source, "seek"):
        source.seek(0)
    data = source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise TableError(_("文件过大（上限 %(n)d MB）。") % {"n": MAX_BYTES // 1024 // 1024})
    return data, str(getattr(source, "name", "") or "")


def _xlsx_rows(data: bytes) -> Iterator[tuple[Any, ...]]:
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


def _csv_rows(data: bytes) -> Iterator[tuple[Any, ...]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            decoded = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError(_("无法识别 CSV 文件的编码（请用 UTF-8 或 GBK）。"))
    for row in csv.reader(io.StringIO(decoded)):
        yield tuple(cell if cell != "" else None for cell in row)


def read_table(source: Source) -> Table:
    """The header row (the first non-empty row) and the data rows after it; blank rows are skipped."""
    data, name = _bytes(source)
    if data.startswith(b"PK"):
        rows = _xlsx_rows(data)
    elif name.lower().endswith((".csv", ".txt")) or (not name and data):
        rows = _csv_rows(data)
    else:
        raise TableError(_("请上传 .xlsx 格式的 Excel 文件（或 .csv）。"))
    headers: list[Any] | None = None
    body: list[tuple[int, tuple[Any, ...]]] = []
    for number, cells in enumerate(rows, start=1):
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        if headers is None:
            headers = list(cells)
            continue
        body.append((number, tuple(cells)))
        if len(body) > MAX_ROWS:
            raise TableError(_("行数超过上限（%(n)d 行），请分批导入。") % {"n": MAX_ROWS})
    if headers is None:
        raise TableError(_("工作表为空。"))
    return Table(headers=headers, rows=body)


def read_headers(source: Source) -> list[str]:
    """Only the header row (for the mapping form), without reading the whole sheet."""
    data, name = _bytes(source)
    if data.startswith(b"PK"):
        rows = _xlsx_rows(data)
    elif name.lower().endswith((".csv", ".txt")):
        rows = _csv_rows(data)
    else:
        raise TableError(_("请上传 .xlsx 格式的 Excel 文件（或 .csv）。"))
    for cells in rows:
        if any(c is not None and str(c).strip() for c in cells):
            return [str(c).strip() if c is not None else "" for c in cells]
    raise TableError(_("工作表为空。"))
