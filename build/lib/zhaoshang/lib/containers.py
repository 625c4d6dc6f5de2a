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
