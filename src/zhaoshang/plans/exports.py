"""Excel export of plan nodes (a project's plan, or the district's node list), through core/workbooks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook

from zhaoshang.core.workbooks import to_bytes
from zhaoshang.plans.models import ProjectNode


def headers() -> list[str]:
    return [
        _("区县"),
        _("项目"),
        _("节点"),
        _("计划完成日期"),
        _("实际完成日期"),
        _("状态"),
        _("逾期天数"),
        _("责任人"),
        _("所需佐证材料"),
        _("佐证说明"),
        _("延期原因"),
    ]


def state_of(node: ProjectNode, today: date) -> str:
    if node.actual_on is not None:
        return _("已完成") if node.actual_on <= node.planned_on else _("逾期完成")
    return _("逾期") if node.planned_on < today else _("进行中")


def nodes_workbook(nodes: Iterable[ProjectNode], *, today: date) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("节点计划")
    sheet.append(headers())
    for node in nodes:
        sheet.append(
            [
                node.project.region.name,
                node.project.title,
                node.name,
                node.planned_on,
                node.actual_on,
                state_of(node, today),
                node.days_late(today),
                str(node.person) if node.person_id else "",
                "、".join(node.evidence_items),
                node.evidence_note,
                node.delay_reason,
            ]
        )
    for column, width in zip("ABCDEFGHIJK", (10, 30, 12, 14, 14, 10, 10, 12, 30, 30, 30), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    return to_bytes(book)
