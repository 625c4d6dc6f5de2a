"""The permission matrix as a workbook or CSV file, for audit."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from zhaoshang.accounts.matrix import ACTIONS, Row
from zhaoshang.core.localtime import local_text
from zhaoshang.core.workbooks import Heading, ListSheet, new_book, notes_sheet, to_bytes

YES, NO = "✓", "✗"


def header() -> list[str]:
    return [_("角色/用户"), _("数据范围"), *[str(a.label) for a in ACTIONS]]


def lines(rows: list[Row]) -> list[list[str]]:
    return [[row.label, row.scope, *[YES if row.cells[a.key] else NO for a in ACTIONS]] for row in rows]


def matrix_workbook(role_rows: list[Row], user_rows: list[Row], generated_by: str) -> bytes:
    book = new_book()
    headings = [Heading(_("角色/用户"), width=40), Heading(_("数据范围"), width=36), *header()[2:]]
    for title, rows in ((_("角色权限"), role_rows), (_("用户权限"), user_rows)):
        sheet = ListSheet(book, title, title=_("权限矩阵 · %(what)s") % {"what": title}, headings=headings)
        for line in lines(rows):
            sheet.append(line)
    notes_sheet(
        book,
        _("说明"),
        [
            [_("生成时间"), local_text()],
            [_("导出人"), generated_by],
            [_("依据"), _("由系统权限函数逐项计算（accounts/permissions.py），非手工填写。")],
        ],
    )
    return to_bytes(book)


def matrix_csv(role_rows: list[Row], user_rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("类别"), *header()])
    for kind, rows in ((_("角色"), role_rows), (_("用户"), user_rows)):
        for line in lines(rows):
            writer.writerow([kind, *line])
    return "\ufeff" + buffer.getvalue()  # BOM: Excel opens UTF-8 CSV correctly
