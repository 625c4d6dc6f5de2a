"""Columns of an import: their Chinese headers, and how a file's own headers are mapped onto them.

A file matches a column by its header, one of the header's aliases or the field name, after
normalising (full-width → half-width, spaces, a trailing * and a unit in brackets are ignored:
"合同投资额（万元）*" is "合同投资额"). Any other layout is mapped explicitly: {"项目": "项目名称"}
(from `--map 项目=项目名称` or the page's mapping form); mapping a header to "-" ignores it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from zhaoshang.records.imports.cells import Reader, text

IGNORE = "-"
IGNORE_WORDS = frozenset({"-", "忽略", "不导入"})
_BRACKETED_UNIT = re.compile(r"[（(][^（）()]*[）)]$")


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


def normalise(header: Any) -> str:
    name = unicodedata.normalize("NFKC", str(header or "")).strip()
    name = re.sub(r"\s+", "", name).strip("*")
    return _BRACKETED_UNIT.sub("", name) or name


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

    def has(self, field_name: str) -> bool:
        return field_name in self.headers

    def header_of(self, field_name: str, columns: Sequence[Column]) -> str:
        return self.headers.get(field_name) or next(
            (c.header for c in columns if c.field == field_name), field_name
        )


def index(columns: Iterable[Column]) -> dict[str, Column]:
    """Every name a column answers to (header, aliases, field), normalised."""
    found: dict[str, Column] = {}
    for column in columns:
        for name in (column.header, *column.aliases, column.field):
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


def resolve(
    headers: Sequence[Any], columns: Sequence[Column], mapping: dict[str, str] | None = None
) -> Layout:
    """Match a file's header row against the columns, applying an explicit mapping first."""
    names = index(columns)
    wanted = {normalise(k): v for k, v in (mapping or {}).items()}
    layout = Layout()
    seen: dict[str, str] = {}  # field -> header already mapped to it
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
        seen[column.field] = str(raw).strip()
        layout.positions[position] = column
        layout.headers[column.field] = str(raw).strip()
    for column in columns:
        if column.required and column.field not in seen:
            layout.errors.append(
                HeaderError(column.header, _("缺少必需的列“%(name)s”。") % {"name": column.header})
            )
    return layout
