"""Workbooks in an import's layout: the blank template (with a sheet explaining each column) and exports,
which use the same headers so that an exported list can be edited and imported back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from zhaoshang.core.workbooks import MONEY, Heading, ListSheet, money, new_book, to_bytes
from zhaoshang.records.imports.columns import Column

REQUIRED_FILL = PatternFill("solid", fgColor="FDE9D9")


def template_workbook(columns: Sequence[Column], title: str) -> bytes:
    """An empty sheet with the Chinese headers (required ones shaded) and a 说明 sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("导入模板")
    sheet.append([c.header for c in columns])
    for cell, column in zip(sheet[1], columns, strict=True):
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = REQUIRED_FILL
        sheet.column_dimensions[cell.column_letter].width = max(12, len(column.header) * 2 + 4)
    sheet.freeze_panes = "A2"
    notes = book.create_sheet(_("说明"))
    notes.append([_("列名"), _("必填"), _("说明"), _("示例")])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column in columns:
        notes.append([column.header, _("是") if column.required else "", str(column.note), column.example])
    notes.append([])
    notes.append(
        [
            title,
            _("第一行为表头，可调整列的顺序；其他表头可在导入时映射。整表要么全部导入，要么一行也不导入。"),
        ]
    )
    notes.column_dimensions["A"].width = 20
    notes.column_dimensions["C"].width = 60
    return to_bytes(book)


def export_headings(columns: Sequence[Column]) -> list[Heading]:
    """The template's headers, each amount column naming the unit its numbers are written in (合同投资额
    （万元）): the import reads that unit back from the header."""
    return [money(c.header, c.unit) if c.unit else Heading(c.header, c.export_unit) for c in columns]


def export_workbook(
    columns: Sequence[Column], rows: Iterable[Sequence[Any]], label: str, *, region: str = ""
) -> bytes:
    """Rows in the template's layout under the bureau's title and unit rows, written in streaming mode
    (a whole ledger fits); `region` names whose list it is in the title."""
    book = new_book()
    headings = export_headings(columns)
    units = dict.fromkeys(h.unit for h in headings if h.number_format == MONEY)
    sheet = ListSheet(
        book,
        label,
        title=f"{region}{label}",
        headings=headings,
        unit="、".join(units),
    )
    for row in rows:
        sheet.append(row)
    return to_bytes(book)
