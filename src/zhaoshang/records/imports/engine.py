"""The import engine every kind shares: read, map columns, check each row, plan, then write all or nothing.

An `Importer` (one per kind: projects/imports.py, enterprises/imports.py, …) says how a row becomes an
`Item` with a natural key, how existing records are found for a batch of keys, what a change is, who may
make it, and how a plan is written in bulk. `run_import` does the rest, identically for every kind:

1. read the table and map its header row onto the kind's columns (columns.py);
2. read every cell (cells.py), collecting every error of every row, never stopping at the first;
3. build items, reject duplicate keys within the file, look up existing records in bulk and sort each
   row into create / change / unchanged (so importing the same file twice changes nothing);
4. with any error, or on a dry run, write nothing; otherwise write the whole plan in one transaction.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

from django.db import DatabaseError, connection, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from zhaoshang.accounts.scoping import EVERYTHING, Reach, reach_of
from zhaoshang.records.imports.cells import CellError, is_blank
from zhaoshang.records.imports.columns import Column, Layout, resolve
from zhaoshang.records.imports.reading import Source, TableError, read_table
from zhaoshang.records.imports.report import Change, ImportReport, RowOutcome


@dataclass
class Row:
    """A data row whose cells all read: field -> value, for the columns present in the file."""

    number: int
    values: dict[str, Any]
    raw: dict[str, Any]

    def has(self, name: str) -> bool:
        return name in self.values

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


class RowInvalid(Exception):
    """A row refused by a kind's rules: (field or "", reason in Chinese) pairs."""

    def __init__(self, *problems: tuple[str, str]) -> None:
        super().__init__("; ".join(why for _f, why in problems))
        self.problems = list(problems)


@dataclass
class Item:
    """What a row asks for: a natural key, a label for the preview, and model field values to set."""

    row: Row
    key: Hashable
    label: str
    values: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    creates: list[Item] = field(default_factory=list)
    changes: list[tuple[Item, Any, list[Change]]] = field(default_factory=list)


def shown(value: Any) -> str:
    """A value as a person reads it in a report."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


class Importer(ABC):
    """One kind of import. Subclasses declare columns and implement build / find_existing / write."""

    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""
    model: ClassVar[type[Model]]
    columns: ClassVar[tuple[Column, ...]] = ()
    key_fields: ClassVar[tuple[str, ...]] = ()  # the columns naming the natural key (for messages)
    filterset: ClassVar[str] = ""  # the list page's FilterSet (dotted path), applied to exports

    def __init__(self, *, user: Any = None) -> None:
        self.user = user
        self.layout = Layout()

    @property
    def reach(self) -> Reach:
        """A command run without a user acts for the whole platform; a page always has one."""
        return EVERYTHING if self.user is None else reach_of(self.user)

    @property
    def history_user(self) -> Any:
        return self.user if getattr(self.user, "pk", None) else None

    def header(self, name: str) -> str:
        return self.layout.header_of(name, self.columns)

    # --- what a kind implements ------------------------------------------------------------------
    def refusal(self) -> str | None:
        """Why this user may not import this kind at all, or None."""
        return None

    def implied(self) -> dict[str, str]:
        """Required columns a file may leave out because their value follows from the user (field -> the
        value as the report shows it), e.g. the district of a district user."""
        return {}

    def prepare(self, rows: list[Row]) -> None:
        """Load in bulk whatever `build` looks up (regions, codes, enterprises …); by default nothing."""
        return None

    @abstractmethod
    def build(self, row: Row) -> Item: ...

    @abstractmethod
    def find_existing(self, items: list[Item]) -> dict[Hashable, Any]:
        """Existing records by item key, in a few queries; a RowInvalid for a key that cannot be matched
        (several records, or an explicit id that does not exist)."""
        ...

    def changes(self, item: Item, instance: Any) -> list[Change]:
        return field_changes(self, item.values, instance)

    def check(self, item: Item, instance: Any, changes: list[Change]) -> None:
        """Refuse a create (instance None) or a change this user may not make: raise RowInvalid."""
        return None

    def effects(self, plan: Plan) -> dict[str, int]:
        """What else the plan creates, to report beside the rows (e.g. {"新建企业": 3})."""
        return {}

    @abstractmethod
    def write(self, plan: Plan) -> None:
        """Write the plan in bulk, inside the import's transaction."""
        ...

    # --- exports in the template's layout -------------------------------------------------------------
    @abstractmethod
    def export_rows(self, queryset: Any) -> Iterable[Sequence[Any]]: ...


def field_changes(importer: Importer, values: dict[str, Any], instance: Any) -> list[Change]:
    """Model fields whose value differs (a foreign key compares by id)."""
    found = []
    for name, new in values.items():
        model_field = instance._meta.get_field(name)
        if model_field.is_relation:
            old_id, new_id = getattr(instance, model_field.attname), getattr(new, "pk", None)
            if old_id != new_id:
                found.append(Change(importer.header(name), shown(getattr(instance, name)), shown(new)))
            continue
        old = getattr(instance, name)
        if old != new:
            if model_field.choices:
                labels = dict(model_field.flatchoices)
                old, new = labels.get(old, old), labels.get(new, new)
            found.append(Change(importer.header(name), shown(old), shown(new)))
    return found


def apply(values: dict[str, Any], instance: Any) -> None:
    for name, value in values.items():
        setattr(instance, name, value)


def _read_rows(table: Any, layout: Layout, report: ImportReport) -> list[Row]:
    rows = []
    for number, cells in table.rows:
        values, raw, bad = {}, {}, False
        for position, column in layout.positions.items():
            cell = cells[position] if position < len(cells) else None
            raw[column.field] = cell
            header = layout.headers[column.field]
            if is_blank(cell) and column.required:
                report.fail(_("必填项，不能为空。"), row=number, column=header)
                bad = True
                continue
            try:
                values[column.field] = column.read(cell)
            except CellError as exc:
                report.fail(str(exc), row=number, column=header, value=shown(cell))
                bad = True
        if not bad:
            rows.append(Row(number, values, raw))
    return rows


def _refuse(report: ImportReport, importer: Importer, row: Row, exc: RowInvalid) -> None:
    for name, why in exc.problems:
        report.fail(
            why,
            row=row.number,
            column=importer.header(name) if name else "",
            value=shown(row.raw.get(name)) if name else "",
        )


def _duplicate(report: ImportReport, importer: Importer, row: Row, first: int) -> None:
    columns = "、".join(importer.header(f) for f in importer.key_fields if f in row.raw)
    value = " / ".join(shown(row.raw.get(f)) for f in importer.key_fields if f in row.raw)
    report.fail(
        _("与第 %(n)d 行重复（同一记录在文件中出现两次）。") % {"n": first},
        row=row.number,
        column=columns,
        value=value,
    )


def _plan(importer: Importer, rows: list[Row], report: ImportReport) -> Plan:
    importer.prepare(rows)
    items: list[Item] = []
    first_row: dict[Hashable, int] = {}
    for row in rows:
        try:
            item = importer.build(row)
        except RowInvalid as exc:
            _refuse(report, importer, row, exc)
            continue
        if item.key in first_row:
            _duplicate(report, importer, row, first_row[item.key])
            continue
        first_row[item.key] = row.number
        items.append(item)
    existing = importer.find_existing(items)
    plan, claimed = Plan(), {}
    for item in items:
        instance = existing.get(item.key)
        try:
            if isinstance(instance, RowInvalid):
                raise instance
            if instance is not None and instance.pk in claimed:
                _duplicate(report, importer, item.row, claimed[instance.pk])
                continue
            if instance is not None:
                claimed[instance.pk] = item.row.number
            changes = importer.changes(item, instance) if instance is not None else []
            if instance is None or changes:
                importer.check(item, instance, changes)
        except RowInvalid as exc:
            _refuse(report, importer, item.row, exc)
            continue
        if instance is None:
            plan.creates.append(item)
            report.add(RowOutcome(item.row.number, "create", item.label))
        elif changes:
            plan.changes.append((item, instance, changes))
            report.add(RowOutcome(item.row.number, "change", item.label, tuple(changes)))
        else:
            report.add(RowOutcome(item.row.number, "unchanged", item.label))
    return plan


def _serialise(kind: str) -> None:
    """Two imports of one kind never interleave on PostgreSQL (SQLite serialises writers already)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"zhaoshang-import-{kind}"])


def run_import(
    importer: Importer, source: Source, *, dry_run: bool, mapping: dict[str, str] | None = None
) -> ImportReport:
    """Import a table: every row or none. A dry run reports the same outcome and writes nothing."""
    report = ImportReport(kind=importer.kind, dry_run=dry_run)
    if refusal := importer.refusal():
        report.fail(refusal)
        return report
    try:
        table = read_table(source, importer.columns)
    except TableError as exc:
        report.fail(str(exc))
        return report
    report.total_rows, report.header_row, report.skipped = len(table.rows), table.header_row, table.skipped
    implied = importer.implied()
    layout = importer.layout = resolve(
        table.headers, importer.columns, mapping, sheet_unit=table.sheet_unit, implied=implied
    )
    report.ignored_columns = layout.ignored
    report.units = {layout.headers[f]: str(unit) for f, unit in layout.units.items()}
    report.implied = {
        c.header: implied[c.field] for c in importer.columns if c.field in implied and not layout.has(c.field)
    }
    for problem in layout.errors:
        report.fail(problem.why, row=1, column=problem.column)
    if layout.errors:
        return report
    rows = _read_rows(table, layout, report)
    try:
        with transaction.atomic():
            if not dry_run:
                _serialise(importer.kind)
            plan = _plan(importer, rows, report)
            report.side_effects = {k: v for k, v in importer.effects(plan).items() if v}
            report.errors.sort(key=lambda e: e.row)
            if not report.errors and not dry_run:
                importer.write(plan)
                report.committed = True
    except DatabaseError as exc:
        report.committed = False
        report.fail(_("写入数据库失败，未导入任何数据（%(error)s）。") % {"error": exc})
    return report
