"""Write the database to a dump and load it back: what `dumpdata` and `loaddata` do, many times faster.

`dumpdata` reads the many-to-many links and the natural keys of related users one query per row; `write_dump`
prefetches them. `loaddata` saves object by object (an UPDATE, then an INSERT, then one query per many-to-many field); a
restore writes into empty tables, so plain batched INSERTs suffice. Rows are inserted raw, as loaddata does
(auto_now fields keep their stored values, no save() override or signal runs); foreign keys are checked at
commit (Django declares them DEFERRABLE INITIALLY DEFERRED on SQLite and PostgreSQL).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializedObject
from django.db import DEFAULT_DB_ALIAS, connections, models

BATCH = 2000


def _insert(model: type[models.Model], objects: list[models.Model], using: str) -> None:
    fields = model._meta.local_concrete_fields
    size = max(1, connections[using].ops.bulk_batch_size(fields, objects) or BATCH)
    for start in range(0, len(objects), min(size, BATCH)):
        model._base_manager.using(using)._insert(
            objects[start : start + min(size, BATCH)], fields=fields, raw=True, using=using
        )


def _links(model: type[models.Model], batch: list[DeserializedObject]) -> dict[type[models.Model], list]:
    """The rows of the auto-created many-to-many tables for a batch of owners."""
    rows: dict[type[models.Model], list] = defaultdict(list)
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        if not through._meta.auto_created:
            continue  # an explicit through model is dumped, and loaded, as a model of its own
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        for item in batch:
            for other in (item.m2m_data or {}).get(field.name, ()):
                rows[through].append(through(**{source: item.object.pk, target: other}))
    return rows


def _flush(batch: list[DeserializedObject], using: str) -> None:
    model = type(batch[0].object)
    if model._meta.parents:  # multi-table inheritance: let Django write parent and child rows
        for item in batch:
            item.save(using=using)
        return
    _insert(model, [item.object for item in batch], using)
    for through, rows in _links(model, batch).items():
        through._base_manager.using(using).bulk_create(rows, batch_size=BATCH)


def write_dump(path: Path, chosen: list[type[models.Model]], format: str) -> dict[str, int]:
    """Serialise every row of the chosen models to `path`, with natural foreign keys, models ordered so that
    each natural key is written before the rows that refer to it; return the count per model."""
    counts: dict[str, int] = {}
    with path.open("w", encoding="utf-8") as stream:
        for model in serializers.sort_dependencies([(None, chosen)], allow_cycles=True):
            natural = [
                f.name
                for f in model._meta.concrete_fields
                if f.is_relation and hasattr(f.remote_field.model, "natural_key")
            ]
            links = [
                f.name for f in model._meta.local_many_to_many if f.remote_field.through._meta.auto_created
            ]
            queryset = model._base_manager.select_related(*natural).prefetch_related(*links).order_by("pk")
            counter = _Counter(queryset.iterator(chunk_size=BATCH))
            serializers.serialize(format, counter, stream=stream, use_natural_foreign_keys=True)
            counts[model._meta.label] = counter.count
    return counts


class _Counter:
    def __init__(self, items: Iterable[models.Model]) -> None:
        self.items, self.count = items, 0

    def __iter__(self) -> Iterator[models.Model]:
        for item in self.items:
            self.count += 1
            yield item


def load_dump(path: Path, format: str, *, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Insert every object of the dump at `path`; return the count per model. Call inside a transaction."""
    counts: dict[str, int] = defaultdict(int)
    loaded: set[type[models.Model]] = set()
    batch: list[DeserializedObject] = []

    def lines(stream: Iterable[str]) -> Iterator[str]:
        # A model's rows are written before the deserializer reads the next model's first line, whose
        # natural keys (a user's groups, say) may point at them.
        current = None
        for line in stream:
            if not line.strip():
                continue
            model = json.loads(line)["model"]
            if model != current and batch:
                _flush(batch, using)
                batch.clear()
            current = model
            yield line

    with path.open(encoding="utf-8") as stream:
        objects = serializers.deserialize(
            format, lines(stream), using=using, ignorenonexistent=True, handle_forward_references=True
        )
        for item in objects:
            if item.deferred_fields:
                raise ValueError(
                    f"{item.object._meta.label} {item.object.pk}：引用了备份中其后才出现的对象（自然键）。"
                )
            batch.append(item)
            counts[item.object._meta.label] += 1
            loaded.add(type(item.object))
            if len(batch) >= BATCH:
                _flush(batch, using)
                batch.clear()
        if batch:
            _flush(batch, using)
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), list(loaded))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    return dict(counts)
