"""The permission matrix as a workbook or CSV file, for audit."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from zhaoshang.accounts.matrix import ACTIONS, Row
from zhaoshang.core.workbooks import to_bytes

YES, NO = "✓", "✗"


def header() -> list[str]:
    return [_("角色/用户"), _("数据范围"), *[str(a.label) for a in ACTIONS]]


def lines(rows: list[Row]) -> list[list[str]]:
    return [[row.label, row.scope, *[YES if row.cells[a.key] else NO for a in ACTIONS]] for row in rows]


def matrix_workbook(role_rows: list[Row], user_rows: list[Row], generated_by: str) -> bytes:
    book = Workbook()
    for sheet, title, rows in (
        (book.active, _("角色权限"), role_rows),
        (book.create_sheet(), _("用户权限"), user_rows),
    ):
        sheet.title = title
        sheet.append(header())
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for line in lines(rows):
            sheet.append(line)
        sheet.column_dimensions["A"].width = 40
        sheet.column_dimensions["B"].width = 36
    note = book.create_sheet(_("说明"))
    note.append([_("生成时间"), timezone.localtime().strftime("%Y-%m-%d %H:%M:%S")])
    note.append([_("导出人"), generated_by])
    note.append([_("依据"), _("由系统权限函数逐项计算（accounts/permissions.py），非手工填写。")])
    return to_bytes(book)


def matrix_csv(role_rows: list[Row], user_rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("类别"), *header()])
    for kind, rows in ((_("角色"), role_rows), (_("用户"), user_rows)):
        for line in lines(rows):
            writer.writerow([kind, *line])
    return "\ufeff" + buffer.getvalue()  # BOM: Excel opens UTF-8 CSV correctly
