"""The list of responsible units as a workbook."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from zhaoshang.core.workbooks import to_bytes
from zhaoshang.units.models import ResponsibleUnit


def header() -> list[str]:
    return [
        _("区划代码"),
        _("区划"),
        _("单位名称"),
        _("简称"),
        _("类别"),
        _("状态"),
        _("成员数"),
        _("单位负责人"),
    ]


def row(unit: ResponsibleUnit) -> list[object]:
    heads = "、".join(str(m.user) for m in unit.members.all() if m.is_head)
    return [
        unit.region.code,
        unit.region.name,
        unit.name,
        unit.short_name,
        unit.get_kind_display(),
        _("启用") if unit.is_active else _("停用"),
        len(unit.members.all()),
        heads,
    ]


def units_workbook(units: Iterable[ResponsibleUnit]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("责任单位")
    sheet.append(header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for unit in units:
        sheet.append(row(unit))
    sheet.column_dimensions["C"].width = 30
    return to_bytes(book)
