"""Columns of an import: their Chinese headers, and how a file's own headers are mapped onto them.

A file matches a column by its header, one of the header's aliases or the field name, after
normalising (full-width → half-width, spaces, a trailing * and a unit in brackets are ignored:
"合同投资额（万元）*" is "合同投资额"). Any other layout is mapped explicitly: {"项目": "项目名称"}
(from `--map 项目=项目名称` or the page's mapping form); mapping a header to "-" ignores it.

A money column (`Column.unit`) reads bare numbers in the unit its header names ("合同投资额（亿元）",
"投资额/万元"), else in the unit a title row gives for the whole sheet ("单位：亿元"), else in its own
default; a unit written in a cell ("3.5亿") always wins (cells.money).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _

from zhaoshang.records.imports.cells import Reader, money_in, text

IGNORE = "-"
IGNORE_WORDS = frozenset({"-", "忽略", "不导入"})
_BRACKETED_UNIT = re.compile(r"[（(\[【][^（）()\[\]【】]*[）)\]】]$")
MONEY_UNITS = ("亿美元", "万美元", "美元", "亿元", "万元", "元")  # longest first
_UNIT = "|".join(MONEY_UNITS)
_HEADER_UNIT = re.compile(
    rf"[(\[【]\s*(?:(?:金额|计量)?单位\s*[:：]?\s*)?(?:人民币)?({_UNIT})(?:人民币)?\s*[)\]】]|[/／]\s*({_UNIT})$"
)
_SLASHED_UNIT = re.compile(rf"[/／]\s*(?:{_UNIT})$")
SHEET_UNIT = re.compile(rf"(?:金额|计量)?单位\s*[:：]\s*(?:人民币)?({_UNIT})")


def currency_of(unit: str) -> str:
    return "USD" if "美元" in unit else "CNY"


def header_unit(header: Any) -> str:
    """The money unit a header names: "合同投资额（亿元）" → "亿元", "投资额/万元" → "万元", else ""."""
    name = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(header or "")))
    match = _HEADER_UNIT.search(name)
    return (match.group(1) or match.group(2)) if match else ""


@dataclass(frozen=True)
class Column:
    """One column of a template: its Chinese header, the field it fills, and how its cells are read."""

    header: str
    field: str
    read: Reader = text
    required: bool = False
    aliases: tuple[str, ...] = ()
    note: str = ""
    example: Any = ""
    unit: str = ""  # a money column: the unit of a bare number when neither header nor sheet names one
    fallbacks: tuple[str, ...] = ()  # headers taken only when no other header names this column
    export_unit: str = ""  # the unit an export's header names for a column of mixed values (目标值)


def normalise(header: Any) -> str:
    name = unicodedata.normalize("NFKC", str(header or "")).strip()
    name = re.sub(r"\s+", "", name).strip("*")
    return _SLASHED_UNIT.sub("", _BRACKETED_UNIT.sub("", name)) or name


@dataclass(frozen=True)
class Unit:
    """The unit a money column's bare numbers are read in, and where it was found."""

    unit: str
    source: str  # "header" | "sheet" | "default"

    def __str__(self) -> str:
        where = {"header": _("表头"), "sheet": _("表首“单位”行"), "default": _("默认")}[self.source]
        return f"{self.unit}（{where}）"


@dataclass(frozen=True)
class HeaderError:
    column: str
    why: str


@dataclass
class Layout:
    """Which file column (by position) fills which template column."""

    positions: dict[int, Column] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # field -> the header as written in the file
    ignored: list[str] = field(default_factory=list)
    errors: list[HeaderError] = field(default_factory=list)
    units: dict[str, Unit] = field(default_factory=dict)  # field -> the unit of a money column

    def has(self, field_name: str) -> bool:
        return field_name in self.headers

    def header_of(self, field_name: str, columns: Sequence[Column]) -> str:
        return self.headers.get(field_name) or next(
            (c.header for c in columns if c.field == field_name), field_name
        )


def index(columns: Iterable[Column], *, fallbacks: bool = False) -> dict[str, Column]:
    """Every name a column answers to (header, aliases, field), normalised; with `fallbacks`, also the
    names it takes only when no other header names it."""
    found: dict[str, Column] = {}
    columns = list(columns)
    for column in columns:
        for name in (column.header, *column.aliases, column.field):
            found.setdefault(normalise(name), column)
    if fallbacks:
        for column in columns:
            for name in column.fallbacks:
                found.setdefault(normalise(name), column)
    return found


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """["项目=项目名称", "金额=合同投资额"] → {"项目": "项目名称", …}; raises ValueError in Chinese."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        for part in re.split(r"[,，;；\n]+", pair):
            if not part.strip():
                continue
            source, sep, target = part.replace("＝", "=").partition("=")
            if not sep or not source.strip():
                raise ValueError(
                    _("列映射“%(pair)s”应写成“文件中的列=模板中的列”。") % {"pair": part.strip()}
                )
            mapping[source.strip()] = target.strip() or IGNORE
    return mapping


def _money_column(column: Column, raw: Any, sheet_unit: str) -> tuple[Column, Unit] | HeaderError:
    """The column reading bare numbers in the unit of its header, else of the sheet, else its default."""
    unit = header_unit(raw)
    if unit and currency_of(unit) != currency_of(column.unit):
        return HeaderError(
            str(raw).strip(),
            _("表头“%(header)s”的单位“%(unit)s”与该列的币种不符（应为%(allowed)s）。")
            % {
                "header": str(raw).strip(),
                "unit": unit,
                "allowed": "、".join(u for u in MONEY_UNITS if currency_of(u) == currency_of(column.unit)),
            },
        )
    found = (
        Unit(unit, "header")
        if unit
        else Unit(sheet_unit, "sheet")
        if sheet_unit and currency_of(sheet_unit) == currency_of(column.unit)
        else Unit(column.unit, "default")
    )
    return replace(column, read=money_in(found.unit)), found


def _place(layout: Layout, position: int, raw: Any, column: Column, sheet_unit: str) -> None:
    if column.unit:
        found = _money_column(column, raw, sheet_unit)
        if isinstance(found, HeaderError):
            layout.errors.append(found)
            return
        column, layout.units[column.field] = found
    layout.positions[position] = column
    layout.headers[column.field] = str(raw).strip()


def resolve(
    headers: Sequence[Any],
    columns: Sequence[Column],
    mapping: dict[str, str] | None = None,
    *,
    sheet_unit: str = "",
    implied: Collection[str] = (),
) -> Layout:
    """Match a file's header row against the columns, applying an explicit mapping first. `sheet_unit` is
    the unit a title row gives; `implied` names required columns a file may leave out (the importer knows
    their value, e.g. the district of a district user)."""
    names = index(columns)
    spare = {n: c for n, c in index(columns, fallbacks=True).items() if n not in names}
    wanted = {normalise(k): v for k, v in (mapping or {}).items()}
    layout = Layout()
    seen: dict[str, str] = {}  # field -> header already mapped to it
    deferred: list[tuple[int, Any, Column]] = []  # headers naming a column only as a fallback
    present = {normalise(h) for h in headers if normalise(h)}
    for source in wanted:
        if source not in present:
            layout.errors.append(
                HeaderError(source, _("列映射中的“%(name)s”不在文件的表头中。") % {"name": source})
            )
    for position, raw in enumerate(headers):
        header = normalise(raw)
        if not header:
            continue
        target = wanted.get(header)
        if target is not None and target.strip() in IGNORE_WORDS:
            layout.ignored.append(str(raw).strip())
            continue
        column = names.get(normalise(target)) if target is not None else names.get(header)
        if target is not None and column is None:
            layout.errors.append(
                HeaderError(str(raw).strip(), _("列映射的目标“%(name)s”不是模板中的列。") % {"name": target})
            )
            continue
        if column is None and target is None and header in spare:
            deferred.append((position, raw, spare[header]))
            continue
        if column is None:
            layout.ignored.append(str(raw).strip())
            continue
        if column.field in seen:
            layout.errors.append(
                HeaderError(
                    str(raw).strip(),
                    _("与“%(other)s”列重复：都对应“%(column)s”。")
                    % {"other": seen[column.field], "column": column.header},
                )
            )
            continue
        _place(layout, position, raw, column, sheet_unit)
        seen[column.field] = str(raw).strip()
    for position, raw, column in deferred:
        if column.field in seen:
            layout.ignored.append(str(raw).strip())
            continue
        _place(layout, position, raw, column, sheet_unit)
        seen[column.field] = str(raw).strip()
    for column in columns:
        if column.required and column.field not in seen and column.field not in implied:
            layout.errors.append(
                HeaderError(column.header, _("缺少必需的列“%(name)s”。") % {"name": column.header})
            )
    return layout
