"""Reading an enterprise file (CSV, XLSX, Parquet) in batches of rows, whatever its format.

Every value comes out as the file holds it (text for CSV/XLSX cells, Python values for Parquet); the
importer validates. Row numbers are those a person sees: the spreadsheet/CSV line (header = 1), or the
record number in a Parquet file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from zhaoshang.lib.containers import MB, ContainerTooLarge, ZipLimits, check_zip, sheet_rows

FIELD_LABELS = {
    "uscc": "统一社会信用代码",
    "name": "企业名称",
    "district_code": "行政区划代码",
    "gbt_class": "国民经济行业代码",
    "registered_capital": "注册资本（元）",
    "employees": "从业人数",
    "founded_year": "成立年份",
    "is_above_scale": "规上企业",
    "is_listed": "上市企业",
    "scope": "经营范围",
    "branch_count": "分支机构数",
    "capital_increase_recent": "近期增资",
    "new_branch_recent": "近期新设分支",
    "group_name": "所属集团",
}
REQUIRED = ("uscc", "name", "district_code")
Batch = tuple[int, list[str], dict[str, list[Any]]]


class ImportFileError(ValueError):
    """The file cannot be imported at all (format, encoding, missing columns); Chinese message."""


def _columns(header: list[str], rows: list[list[Any]]) -> dict[str, list[Any]]:
    width = len(header)
    padded = [list(r[:width]) + [None] * (width - len(r)) for r in rows]
    return {h: [r[i] for r in padded] for i, h in enumerate(header)}


def _chunks(header: list[str], rows: Iterator[list[Any]], size: int) -> Iterator[Batch]:
    """Rows in batches, numbered from line 2 (the header is line 1); a header alone gives one empty batch."""
    line, first = 2, True
    while True:
        batch = list(islice(rows, size))
        if batch or first:
            yield line, header, _columns(header, batch)
        if len(batch) < size:
            return
        line, first = line + len(batch), False


def _csv(path: Path, size: int) -> Iterator[Batch]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            with path.open(encoding=encoding, newline="") as f:
                f.read(1 << 16)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError("无法识别文件编码（支持 UTF-8 与 GB18030）")
    with path.open(encoding=encoding, newline="") as f:
        reader = csv.reader(f)
        header = [h.strip() for h in next(reader, [])]
        if not any(header):
            raise ImportFileError("文件为空或缺少表头")
        try:
            yield from _chunks(header, reader, size)
        except (UnicodeDecodeError, csv.Error) as exc:
            raise ImportFileError(f"CSV 文件在第 {reader.line_num} 行附近无法解析：{exc}") from exc


# A national universe in one workbook (up to Excel's 1,048,576 rows); its declared dimension is ignored.
UNIVERSE_XLSX = ZipLimits(max_members=1000, max_part=4096 * MB, max_total=4096 * MB)
MAX_COLUMNS = 200


def _bounded(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    try:
        yield from rows
    except ContainerTooLarge as exc:
        raise ImportFileError(str(exc)) from exc


def _xlsx(path: Path, size: int) -> Iterator[Batch]:
    from openpyxl import load_workbook

    try:
        check_zip(str(path), UNIVERSE_XLSX)
    except ContainerTooLarge as exc:
        raise ImportFileError(str(exc)) from exc
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ImportFileError(f"无法读取 Excel 文件：{exc}") from exc
    try:
        cells = _bounded(sheet_rows(book.worksheets[0], max_columns=MAX_COLUMNS))
        header = [("" if h is None else str(h)).strip() for h in next(cells, ())]
        if not any(header):
            raise ImportFileError("工作表为空或缺少表头")
        yield from _chunks(header, (list(r) for r in cells), size)
    finally:
        book.close()


def _parquet(path: Path, size: int) -> Iterator[Batch]:
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid/OSError for a file that is not Parquet
        raise ImportFileError(f"无法读取 Parquet 文件：{exc}") from exc
    header = file.schema_arrow.names
    record = 1
    empty = True
    for batch in file.iter_batches(batch_size=size):
        empty = False
        yield record, header, batch.to_pydict()
        record += batch.num_rows
    if empty:
        yield record, header, {h: [] for h in header}


def read_batches(path: Path, size: int) -> Iterator[Batch]:
    """Batches of (first row number, header, column → values) from a CSV, XLSX or Parquet file."""
    if not path.is_file():
        raise ImportFileError(f"找不到文件：{path}")
    readers = {".csv": _csv, ".xlsx": _xlsx, ".parquet": _parquet}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise ImportFileError(f"不支持的文件类型「{path.suffix}」，请使用 csv、xlsx 或 parquet")
    yield from reader(path, size)
