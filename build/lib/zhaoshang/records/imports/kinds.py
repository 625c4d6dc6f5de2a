"""The kinds of import (one importer per app) and the Chinese names people use for them.

Each app registers its importer in its ready(); an app may also add pages under /imports/ (the
enterprises' deduplication) by registering a URL module whose patterns join the `imports` namespace.
"""

from __future__ import annotations

from typing import Any

from django.utils.module_loading import import_string

from zhaoshang.records.imports.engine import Importer

KINDS: dict[str, str] = {}  # kind → the importer's dotted path (imported on first use)
ALIASES: dict[str, str] = {}  # a Chinese name → kind
URLS: list[str] = []  # URL modules whose patterns are added to /imports/


def register(kind: str, importer: str, *, aliases: tuple[str, ...] = ()) -> None:
    """Make `importer` (a dotted path to an Importer subclass) the import of `kind`, also called `aliases`."""
    KINDS[kind] = importer
    ALIASES.update(dict.fromkeys(aliases, kind))


def register_urls(module: str) -> None:
    """Add the patterns of URL module `module` to /imports/ (their names join the `imports` namespace)."""
    URLS.append(module)


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
