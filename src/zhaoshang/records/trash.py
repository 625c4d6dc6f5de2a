"""The recycle bin (回收站): deleting records softly, listing what was deleted, and restoring it.

Pages and the API call these functions after checking `accounts.permissions.can_delete`; the rows
themselves know how to be deleted and restored (core/softdelete.py). Each app registers its kinds of
record in its ready(). A project's deletion or restoration changes the figures of any reported (locked)
period holding its dates, so it needs a 更正理由 and is recorded as an amendment, exactly like an edit
(`records.locks`, where targets registers its period lock).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from zhaoshang.accounts.scoping import for_user
from zhaoshang.records import history, locks

REASON_MAX = 200  # SoftDeletable.deletion_reason


class DeletionError(ValueError):
    """A deletion the rules refuse (no reason given); the message is for the user, in Chinese."""


class RestoreConflict(ValueError):
    """The record cannot come back: a live record now holds its unique key."""


@dataclass(frozen=True)
class Kind:
    """A kind of record the recycle bin holds (registered by its app's ready())."""

    key: str
    label: Promise
    model_label: str
    related: tuple[str, ...]
    back: Callable[[Any], str]  # where to go once a record of this kind is deleted

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def amendable(self) -> bool:
        """Whether deleting or restoring such a record can change reported (locked) figures."""
        return locks.lock_of(self.model) is not None

    def title(self, obj: Any) -> str:
        """How a record is named, the same as on its 修改记录 page (a masked project by its code name)."""
        entry = history.entry_for(obj)
        return entry.title(obj) if entry is not None else str(obj)

    def deleted(self, user: Any) -> models.QuerySet:
        """Deleted records of this kind within the user's reach, latest deletion first."""
        rows = self.model._meta.managers_map["all_objects"].filter(deleted_at__isnull=False)
        return for_user(rows, user).select_related("deleted_by", *self.related).order_by("-deleted_at", "-pk")

    def alive(self, user: Any) -> models.QuerySet:
        return for_user(self.model._default_manager.all(), user).select_related(*self.related)


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    """Let records of a SoftDeletable model go to the recycle bin (called from its app's ready())."""
    KINDS[kind.key] = kind


def kind_of(obj: Any) -> Kind:
    label = obj._meta.label
    return next(kind for kind in KINDS.values() if kind.model_label == label)


@dataclass(frozen=True)
class Entry:
    kind: Kind
    record: Any

    @property
    def title(self) -> str:
        return self.kind.title(self.record)


def deleted_entries(user: Any, kind: str | None = None, limit: int = 500) -> list[Entry]:
    """What the user's recycle bin shows: deleted records within reach, latest deletion first."""
    kinds = [KINDS[kind]] if kind in KINDS else list(KINDS.values())
    entries = [Entry(k, row) for k in kinds for row in k.deleted(user)[:limit]]
    return sorted(entries, key=lambda e: e.record.deleted_at, reverse=True)


def _amendment(obj: Any, user: Any, reason: str, deleted_at: Any) -> locks.Amendment:
    """Refuse (PeriodLocked) a deletion or restoration that changes reported figures without a 更正理由."""
    after = copy.copy(obj)
    after.deleted_at = deleted_at
    return locks.require_amendment(obj, after, actor=user, reason=reason)


@transaction.atomic
def delete_record(*, obj: Any, user: Any, reason: str, amendment_reason: str = "") -> None:
    """Move a record to the recycle bin with who and why; a record in a locked period needs a 更正理由
    (PeriodLocked otherwise) and leaves an amendment."""
    reason = (reason or "").strip()
    if not reason:
        raise DeletionError(_("删除时必须填写删除理由。"))
    if len(reason) > REASON_MAX:
        raise DeletionError(_("删除理由不能超过 %(n)s 个字。") % {"n": REASON_MAX})
    amendment = _amendment(obj, user, amendment_reason, timezone.now())
    obj.soft_delete(user, reason)
    amendment.record(obj)


def _taken_by(obj: Any) -> str | None:
    """Why a live record blocks restoring `obj`: the message of a conditional unique constraint it breaks."""
    model = type(obj)
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
            continue
        lookup = {
            model._meta.get_field(f).attname: getattr(obj, model._meta.get_field(f).attname)
            for f in constraint.fields
        }
        if model.objects.filter(**lookup).exclude(pk=obj.pk).exists():
            return str(constraint.violation_error_message)
    return None


def restore_record(*, obj: Any, user: Any, amendment_reason: str = "") -> None:
    """Bring a record back from the recycle bin (recorded in its history). Refused with RestoreConflict
    when a live record now holds its unique key; a project in a locked period needs a 更正理由."""
    if (why := _taken_by(obj)) is not None:
        raise RestoreConflict(_("无法恢复：%(why)s请先处理现有记录。") % {"why": why})
    amendment = _amendment(obj, user, amendment_reason, None)
    try:
        with transaction.atomic():
            obj.restore(user)
            amendment.record(obj)
    except IntegrityError as exc:  # taken between the check and the save
        raise RestoreConflict(_("无法恢复：已有相同的记录，请先处理现有记录。")) from exc
