"""One import engine for every kind (projects, enterprises, leads, targets): see engine.py."""

from __future__ import annotations

from zhaoshang.records.imports.engine import Importer, Item, Plan, Row, RowInvalid, run_import
from zhaoshang.records.imports.kinds import KINDS, canonical, importer_class, importer_for
from zhaoshang.records.imports.report import ImportReport, RowError

__all__ = [
    "KINDS",
    "ImportReport",
    "Importer",
    "Item",
    "Plan",
    "Row",
    "RowError",
    "RowInvalid",
    "canonical",
    "importer_class",
    "importer_for",
    "run_import",
]
