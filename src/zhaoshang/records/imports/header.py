"""Where a bureau's sheet keeps its header, and which rows under it are not records.

Bureaus keep their ledgers as printed tables: a merged title row ("XX区2023年招商引资重点项目台账"), a row
with 填报单位/日期/单位：万元, then the header; section rows ("一、工业项目"), 合计/小计 rows and notes
("注：…", "填表人：…") among or below the records. The header is the row among the first `SCAN_ROWS`
non-blank rows naming most of the kind's columns; a "单位：万元" above it is the sheet's money unit; the
section, total and note rows are skipped and reported as skipped, never as errors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from zhaoshang.records.imports.columns import SHEET_UNIT, Column, index, normalise

SCAN_ROWS = 30
_TOTAL = re.compile(r"^(?:全[区县市镇])?(?:总合计|合计|小计|总计|共计)(?:[(:：\d].*)?$")
_SECTION = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十\d]+[部类批])"
)
_NOTE = re.compile(
    r"^(?:注|备注|说明|填表说明|填表人|填报人|制表人|制表|审核人|审核|联系人|联系电话|单位负责人|负责人)\s*[\d:：.、]"
)
_DATE_LINE = re.compile(
    r"^(?:(?:填报|报送|统计)?(?:日期|时间)\s*[:：])?\s*\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]?(?:\s*\d{1,2}\s*日?)?$"
)

TOTAL, SECTION, NOTE = _("合计/小计行"), _("分组标题行"), _("表尾说明")

Cells = tuple[Any, ...]


@dataclass(frozen=True)
class Skipped:
    row: int
    why: str


def _text(cell: Any) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(cell))) if isinstance(cell, str) else ""


def _filled(cells: Cells) -> list[Any]:
    return [c for c in cells if c is not None and not (isinstance(c, str) and not c.strip())]


def _is_number(cell: Any) -> bool:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return True
    return bool(re.fullmatch(r"[\d.,]+(?:个|项|家)?(?:亿元|万元|亿|万|元)?", _text(cell)))


def score(cells: Cells, columns: Sequence[Column]) -> int:
    """How many of the columns a row names (a required one counts twice)."""
    names = index(columns, fallbacks=True)
    found = {names[n] for c in cells if c is not None and (n := normalise(c)) in names}
    return sum(2 if c.required else 1 for c in found)


def header_position(rows: Sequence[tuple[int, Cells]], columns: Sequence[Column]) -> int:
    """The index (in `rows`) of the header: the first of the best-scoring rows near the top, or the first
    row when none names two columns (the column-mapping step takes over from there)."""
    best, where = 1, 0
    for position, (_number, cells) in enumerate(rows[:SCAN_ROWS]):
        if (found := score(cells, columns)) > best:
            best, where = found, position
    return where


def sheet_unit(preamble: Sequence[Cells]) -> str:
    """The money unit a title row gives for the whole sheet ("单位：万元", "金额单位：亿元"), or ""."""
    for cells in preamble:
        for cell in cells:
            if match := SHEET_UNIT.search(_text(cell)):
                return match.group(1)
    return ""


def skip_reason(cells: Cells) -> Any:
    """Why a row under the header is not a record (a lazy Chinese string), or None."""
    filled = _filled(cells)
    texts = [t for c in filled if (t := _text(c))]
    if any(_TOTAL.match(t) for t in texts[:3]):
        return TOTAL
    first = _text(filled[0]) if filled else ""
    if first and _SECTION.match(first) and all(_is_number(c) for c in filled[1:]):
        return SECTION
    notes = [bool(_NOTE.match(t)) for t in texts]
    if (
        any(notes)
        and len(texts) == len(filled)
        and all(n or _DATE_LINE.match(t) for n, t in zip(notes, texts, strict=True))
    ):
        return NOTE
    return None
