"""Row counts and content checksums of every table a backup holds, to prove a restore lost nothing.

A table's checksum is the SHA-256 of its rows serialised as canonical JSON, sorted, with foreign keys to
users, content types and permissions written as natural keys: the same content gives the same checksum
in any database, SQLite or PostgreSQL, even where the surrogate ids of content types differ.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from django.apps import apps
from django.core import serializers
from django.db import models

from zhaoshang.records.exactjson import ExactJSONEncoder

# Not backed up: rebuilt by `migrate` (content types, permissions) or worthless after a restore (sessions).
EXCLUDED_MODELS = ("contenttypes.ContentType", "auth.Permission", "sessions.Session")


@dataclass(frozen=True)
class TableFingerprint:
    table: str
    rows: int
    sha256: str


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model whose rows a backup holds, in a stable order."""
    chosen = [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.label not in EXCLUDED_MODELS
    ]
    return sorted(chosen, key=lambda m: m._meta.label)


def _table_rows(model: type[models.Model], *, keep_pk: bool) -> list[str]:
    """One canonical JSON line per row; many-to-many links are fingerprinted apart (`_through_rows`)."""
    fields = [f for f in model._meta.concrete_fields if f.serialize]
    natural = [f.name for f in fields if f.is_relation and hasattr(f.remote_field.model, "natural_key")]
    queryset = model._base_manager.select_related(*natural).order_by("pk")
    rows = []
    for item in serializers.serialize(
        "python",
        queryset.iterator(chunk_size=2000),
        fields=[f.name for f in fields],
        use_natural_foreign_keys=True,
    ):
        row = dict(item["fields"])
        if keep_pk:
            row["pk"] = item["pk"]
        rows.append(json.dumps(row, sort_keys=True, ensure_ascii=False, cls=ExactJSONEncoder))
    return rows


def _fingerprint(table: str, rows: list[str]) -> TableFingerprint:
    digest = hashlib.sha256()
    for row in sorted(rows):
        digest.update(row.encode())
        digest.update(b"\n")
    return TableFingerprint(table=table, rows=len(rows), sha256=digest.hexdigest())


def _through_rows(model: type[models.Model], field: models.ManyToManyField) -> list[str]:
    """The links of one many-to-many field, as (owner pk, target natural key or pk) pairs; the link ids are
    not kept by a restore, which recreates the links."""
    target = field.remote_field.model
    natural = hasattr(target, "natural_key")
    through = field.remote_field.through
    source_name, target_name = field.m2m_field_name(), field.m2m_reverse_field_name()
    links = through.objects.select_related(target_name) if natural else through.objects.all()
    rows = []
    for link in links.iterator(chunk_size=2000):
        other = getattr(link, target_name).natural_key() if natural else getattr(link, f"{target_name}_id")
        rows.append(
            json.dumps([getattr(link, f"{source_name}_id"), other], ensure_ascii=False, cls=ExactJSONEncoder)
        )
    return rows


def fingerprints() -> dict[str, TableFingerprint]:
    """Row count and checksum per table of the current database, keyed by model label (and field for links)."""
    result: dict[str, TableFingerprint] = {}
    for model in backed_up_models():
        result[model._meta.label] = _fingerprint(model._meta.db_table, _table_rows(model, keep_pk=True))
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                table = field.remote_field.through._meta.db_table
                result[f"{model._meta.label}.{field.name}"] = _fingerprint(table, _through_rows(model, field))
    return result


def as_json(prints: dict[str, TableFingerprint]) -> dict[str, dict]:
    return {label: asdict(fp) for label, fp in prints.items()}


def differences(expected: dict[str, dict], actual: dict[str, dict], *, rows_only: bool = False) -> list[str]:
    """The tables whose rows or checksum differ, described in Chinese; empty when the two agree."""
    problems = []
    for label in sorted(set(expected) | set(actual)):
        want, got = expected.get(label), actual.get(label)
        if want is None or got is None:
            problems.append(f"{label}：{'备份中没有该表' if want is None else '数据库中没有该表'}")
        elif want["rows"] != got["rows"]:
            problems.append(f"{label}：行数 {got['rows']}，备份中为 {want['rows']}")
        elif want["sha256"] != got["sha256"] and not rows_only:
            problems.append(f"{label}：行数相同但内容校验和不一致")
    return problems
