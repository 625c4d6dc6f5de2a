"""Bulk writes that keep the audit trail: django-simple-history records for every row created or changed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from django.db.models import Model
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import (
    bulk_create_with_history,
    bulk_update_with_history,
    get_history_manager_for_model,
)

from zhaoshang.core import audit

BATCH = 500
T = TypeVar("T")
M = TypeVar("M", bound=Model)


def chunks(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    """Slices small enough for an IN (...) list on every database (SQLite's variable limit)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _historical(model: type[Model]) -> bool:
    try:
        get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return False
    return True


def create_all(model: type[M], objs: list[M], *, user: Any, reason: str) -> list[M]:
    """Insert in batches (primary keys set on the objects) with one history record each."""
    if not objs:
        return []
    if _historical(model):
        return bulk_create_with_history(
            objs,
            model,
            batch_size=BATCH,
            default_user=user,
            default_change_reason=reason,
            custom_historical_attrs=audit.origin(),
        )
    return model._default_manager.bulk_create(objs, batch_size=BATCH)


def update_all(model: type[M], objs: list[M], fields: set[str], *, user: Any, reason: str) -> None:
    """Update the given fields in batches (auto_now fields too), with one history record per object."""
    if not objs:
        return
    now = timezone.now()
    fields = set(fields)
    for f in model._meta.concrete_fields:
        if getattr(f, "auto_now", False):
            fields.add(f.name)
            for obj in objs:
                setattr(obj, f.attname, now)
    if _historical(model):
        bulk_update_with_history(
            objs,
            model,
            sorted(fields),
            batch_size=BATCH,
            default_user=user,
            default_change_reason=reason,
            custom_historical_attrs=audit.origin(),
        )
    else:
        model._default_manager.bulk_update(objs, sorted(fields), batch_size=BATCH)
