"""The words of an import kind as data: the headers a column is known by and the words its cells use.

A kind keeps them in a JSON file beside its importer (projects/import_words.json):
``{"columns": {field: {"aliases": [...], "fallbacks": [...]}}, "values": {field: {word: value}}}``. A bureau
extends them with a file of the same shape named by the ZHAOSHANG_IMPORT_WORDS setting (one file for every
kind: its headers are added to each kind's own, and its cell words override the kind's).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Vocabulary:
    columns: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def aliases(self, name: str) -> tuple[str, ...]:
        return tuple(self.columns.get(name, {}).get("aliases", ()))

    def fallbacks(self, name: str) -> tuple[str, ...]:
        return tuple(self.columns.get(name, {}).get("fallbacks", ()))

    def words(self, name: str) -> dict[str, str]:
        return dict(self.values.get(name, {}))


def _parse(data: Any, where: str) -> Vocabulary:
    columns, values = data.get("columns", {}), data.get("values", {})
    valid = (
        isinstance(columns, dict)
        and isinstance(values, dict)
        and all(
            isinstance(v, dict)
            and all(isinstance(x, list) and all(isinstance(s, str) for s in x) for x in v.values())
            for v in columns.values()
        )
        and all(isinstance(v, dict) and all(isinstance(w, str) for w in v.values()) for v in values.values())
    )
    if not valid:
        raise ImproperlyConfigured(
            f"{where}: expected {{'columns': {{field: {{'aliases': [...], 'fallbacks': [...]}}}}, "
            "'values': {field: {word: value}}}"
        )
    return Vocabulary(columns, values)


def _merge(own: Vocabulary, extra: Vocabulary) -> Vocabulary:
    columns = {
        name: {
            key: [*own.columns.get(name, {}).get(key, []), *extra.columns.get(name, {}).get(key, [])]
            for key in ("aliases", "fallbacks")
        }
        for name in {*own.columns, *extra.columns}
    }
    values = {
        name: {**own.values.get(name, {}), **extra.values.get(name, {})}
        for name in {*own.values, *extra.values}
    }
    return Vocabulary(columns, values)


def load(package: str, resource: str) -> Vocabulary:
    """A kind's words (a JSON resource of `package`), extended by the bureau's file if one is set."""
    own = _parse(json.loads(files(package).joinpath(resource).read_text(encoding="utf-8")), resource)
    path = getattr(settings, "IMPORT_WORDS", "")
    if not path:
        return own
    try:
        extra = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImproperlyConfigured(f"ZHAOSHANG_IMPORT_WORDS={path}: {exc}") from exc
    return _merge(own, _parse(extra, path))
