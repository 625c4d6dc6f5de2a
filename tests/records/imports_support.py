"""Building import files for the tests: sheets from rows, valid USCCs, a checksum of the ledger tables."""

from __future__ import annotations

import hashlib
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from stdnum.cn import uscc as uscc_std

PROJECT_HEADERS = [
    "项目名称",
    "区县",
    "投资方",
    "统一社会信用代码",
    "行业代码",
    "重点项目",
    "合同投资额",
    "阶段",
    "签约日期",
]


def make_uscc(n: int, division: str = "110101") -> str:
    body = f"91{division}{n:09d}"
    return body + uscc_std.calc_check_digit(body)


def bad_uscc(n: int) -> str:
    good = make_uscc(n)
    wrong = next(c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != good[-1])
    return good[:-1] + wrong


def workbook(headers: list[str], rows: list[list[Any]], name: str = "import.xlsx") -> BytesIO:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def table_checksum(*models: Any) -> str:
    """A digest of every row of the given models (all concrete fields), in primary-key order."""
    digest = hashlib.sha256()
    for model in models:
        names = [f.attname for f in model._meta.concrete_fields]
        for row in model._default_manager.order_by("pk").values_list(*names).iterator(chunk_size=5000):
            digest.update(repr(row).encode())
    return digest.hexdigest()
