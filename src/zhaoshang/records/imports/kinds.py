"""The kinds of import (one importer per app) and the Chinese names people use for them."""

from __future__ import annotations

from typing import Any

from django.utils.module_loading import import_string

from zhaoshang.records.imports.engine import Importer

KINDS: dict[str, str] = {
    "projects": "zhaoshang.projects.imports.ProjectImporter",
    "enterprises": "zhaoshang.enterprises.imports.EnterpriseImporter",
    "leads": "zhaoshang.leads.imports.LeadImporter",
    "targets": "zhaoshang.targets.imports.TargetImporter",
}
ALIASES = {"项目": "projects", "台账": "projects", "企业": "enterprises", "线索": "leads", "目标": "targets"}


class UnknownKind(KeyError):
    pass


def canonical(kind: str) -> str:
    kind = ALIASES.get(kind.strip(), kind.strip().lower())
    if kind not in KINDS:
        raise UnknownKind(kind)
    return kind


def importer_class(kind: str) -> type[Importer]:
    return import_string(KINDS[canonical(kind)])


def importer_for(kind: str, *, user: Any = None) -> Importer:
    return importer_class(kind)(user=user)
