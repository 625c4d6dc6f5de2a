"""How many rows an uploaded table has, cheaply: whether the web import runs it now or as a background job.

A .csv counts its lines; an .xlsx counts the <row> elements of its first sheet in the archive, streamed
(the sheet's declared dimension is the sender's word, so it is not used), without reading a cell. Other
formats are read as the import reads them. The count includes the header row and blank rows: it decides
where the work runs, never what is imported.
"""

from __future__ import annotations

import re
from pathlib import Path

from zhaoshang.records.imports.reading import TableError, read_table

ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
CHUNK = 1 << 20


def count_rows(path: Path) -> int:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(CHUNK), b""))
    if suffix == ".xlsx":
        counted = _xlsx_rows(path)
        if counted is not None:
            return counted
    try:
        return len(read_table(path).rows) + 1
    except TableError:
        return 0  # the import itself reports what is wrong with the file


def _xlsx_rows(path: Path) -> int | None:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
        try:
            sheet = book.worksheets[0]
            with book._archive.open(sheet._worksheet_path) as xml:
                count, tail = 0, b""
                for chunk in iter(lambda: xml.read(CHUNK), b""):
                    data = tail + chunk
                    count += len(ROW_TAG.findall(data))
                    tail = data[-16:]
                    count -= len(ROW_TAG.findall(tail))  # counted again with the next chunk
                return count + len(ROW_TAG.findall(tail))
        finally:
            book.close()
    except Exception:  # a damaged workbook: the import reports it
        return None
