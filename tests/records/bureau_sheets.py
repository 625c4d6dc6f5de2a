"""Sheets written the way bureaus keep their ledgers, in every format they send: .xlsx (with merged title
cells), .xls, .ods, GBK .csv and Excel's "Unicode text" .txt. Each takes the same grid of rows (title rows,
header, records, 合计 row …) so one layout can be tried in each format."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

Grid = list[list[Any]]


def xlsx(grid: Grid, *, merge_title: bool = True) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in grid:
        sheet.append(row)
    width = max(len(r) for r in grid)
    if merge_title:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def xls(grid: Grid, *, merge_title: bool = True) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("台账")
    dated = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    width = max(len(r) for r in grid)
    for r, row in enumerate(grid):
        if r == 0 and merge_title:
            sheet.write_merge(0, 0, 0, width - 1, row[0])
            continue
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, date):
                sheet.write(r, c, value, dated)
            else:
                sheet.write(r, c, value)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _ods_cell(value: Any) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        return f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(value).lower()}"/>'
    if isinstance(value, int | float):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    if isinstance(value, datetime | date):
        shown = value.strftime("%Y-%m-%d")
        return f'<table:table-cell office:value-type="date" office:date-value="{shown}"><text:p>{shown}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="台账">'
)
ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"
ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def ods_from_rows(rows_xml: str) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", ODS_HEAD + rows_xml + ODS_TAIL, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def ods(grid: Grid) -> bytes:
    """As LibreOffice writes it, with the trailing run of empty repeated rows every file ends with."""
    rows = "".join(f"<table:table-row>{''.join(_ods_cell(v) for v in row)}</table:table-row>" for row in grid)
    trailer = (
        '<table:table-row table:number-rows-repeated="1048500">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    return ods_from_rows(rows + trailer)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%Y/%m/%d")
    return str(value)


def csv_bytes(grid: Grid, encoding: str = "gbk", delimiter: str = ",") -> bytes:
    import csv
    import io

    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    for row in grid:
        writer.writerow([_text(v) for v in row])
    return text.getvalue().encode(encoding)


def unicode_txt(grid: Grid) -> bytes:
    """Excel's "Unicode 文本" (.txt): UTF-16 with its byte-order mark, tab-separated."""
    return csv_bytes(grid, encoding="utf-16", delimiter="\t")


def named(data: bytes, name: str) -> BytesIO:
    buffer = BytesIO(data)
    buffer.name = name
    return buffer
