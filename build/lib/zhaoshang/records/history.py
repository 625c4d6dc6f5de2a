"""The audit trail, read back: which records have a history page, who may see it, and readable diffs.

core/audit.py records every change (who, when, from which IP or API token); this module turns the
history rows of one record into what a person reads: field names instead of columns, choice labels
instead of codes, the names of related records instead of ids, amounts in 万元/亿元, 是/否, and a
deletion or restoration called by its name with its reason. The project detail page and the generic
修改记录 page (`/history/<slug>/<pk>/`) both show `diff_rows`: there is one diff implementation.

A record's history is scoped like the record (accounts/scoping.py), through `all_objects` where the
model has one, so the history of a record in the recycle bin stays readable. The values of a masked
confidential project's revealing fields read “（保密）” (projects/services.py: `masked_fields`).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from zhaoshang.accounts.scoping import for_user
from zhaoshang.lib import amounts

# Bookkeeping columns: shown as the kind of change (deleted / restored) or not at all (the version
# counter and timestamps change on every save and say nothing a person needs).
HIDDEN_FIELDS = frozenset(
    {"id", "version", "deleted_at", "deleted_by", "deletion_reason", "created_at", "updated_at"}
)
# How the page writes a kind of change (simple-history's "+", "~", "-", and our soft deletions).
KIND_LABELS: dict[str, Promise] = {
    "created": _lazy("新建"),
    "changed": _lazy("修改"),
    "deleted": _lazy("删除"),
    "restored": _lazy("恢复"),
}
EMPTY = "—"

Formatter = Callable[[Any, Any], str]  # (value, the history record it belongs to) -> text


def yuan(value: Any, record: Any) -> str:
    """A formatter for an amount in yuan (万元/亿元, to the yuan)."""
    return amounts.format_amount(value, style="exact")


def usd(value: Any, record: Any) -> str:
    """A formatter for an amount in US dollars."""
    return amounts.format_amount(value, style="exact", currency="USD")


def plain_decimal(value: Decimal) -> str:
    """5.000000 → "5", 1E+2 → "100": a stored Decimal without its padding."""
    return format(value.normalize(), "f")


# --- the registry: filled by each app's AppConfig.ready() ---------------------------------------------


def _absolute_url(obj: Any) -> str | None:
    return obj.get_absolute_url() if not getattr(obj, "is_deleted", False) else None


def _nothing_masked(obj: Any) -> Iterable[str]:
    return ()


@dataclass(frozen=True)
class Audited:
    """A model whose records have a 修改记录 page."""

    slug: str
    model_label: str
    related: tuple[str, ...] = ()  # select_related for the title and the way back
    title: Callable[[Any], str] = str
    back: Callable[[Any], str | None] = _absolute_url  # the record's own page, if it has one
    formats: Mapping[str, Formatter] = field(default_factory=dict)
    # The fields whose values a viewer of this record may not see (a masked confidential project's).
    masked: Callable[[Any], Iterable[str]] = _nothing_masked

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)

    def visible(self, user: Any) -> models.QuerySet:
        """The records whose history the user may read: those within reach, deleted ones included."""
        model = self.model
        manager = model.all_objects if hasattr(model, "all_objects") else model._default_manager
        return for_user(manager.all(), user).select_related(*self.related)


REGISTRY: dict[str, Audited] = {}


def register(entry: Audited) -> None:
    """Give a model a 修改记录 page at /history/<slug>/<pk>/ (called from its app's ready())."""
    REGISTRY[entry.slug] = entry


def entry_for(obj_or_model: Any) -> Audited | None:
    label = obj_or_model._meta.label
    return next((entry for entry in REGISTRY.values() if entry.model_label == label), None)


def history_url(obj: Any) -> str:
    """The 修改记录 page of a record of an audited model."""
    entry = entry_for(obj)
    if entry is None:
        raise ValueError(f"{obj._meta.label} has no history page: register it in its app's ready()")
    return reverse(f"history:{entry.slug}", args=[obj.pk])


# --- diffs --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    field: str  # the field's verbose name
    old: str
    new: str


@dataclass
class Row:
    """One history record as read: who, when, from where, what kind of change, why, and what changed."""

    record: Any
    kind: str  # "created" | "changed" | "deleted" | "restored"
    reason: str
    changes: list[Change]

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def user(self) -> Any:
        return self.record.history_user

    @property
    def date(self) -> datetime:
        return self.record.history_date

    @property
    def ip(self) -> str:
        return self.record.history_ip or ""

    @property
    def token(self) -> str:
        return self.record.history_token or ""


def diffable_fields(history_model: Any) -> dict[str, models.Field]:
    """The fields a person reads in a diff: every tracked field but the bookkeeping ones.

    `history_model` is a class simple-history builds at run time (`tracked_fields`, `instance_type`), so
    it has no static type beyond Any.
    """
    return {
        f.name: f
        for f in history_model.tracked_fields
        if f.name not in HIDDEN_FIELDS
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    }


def _kind(record: Any, older: Any | None) -> str:
    if record.history_type == "+":
        return "created"
    if record.history_type == "-":
        return "deleted"
    was, now = getattr(older, "deleted_at", None), getattr(record, "deleted_at", None)
    if older is not None and was is None and now is not None:
        return "deleted"
    if older is not None and was is not None and now is None:
        return "restored"
    return "changed"


def relation_pairs(record: Any) -> list[tuple[models.Field, list[Any], list[Any]]]:
    """The many-to-many changes a save noted on its history record (core/audit.py: `set_relations`)."""
    model = record.instance_type
    return [
        (model._meta.get_field(name), before, after)
        for name, (before, after) in sorted((getattr(record, "history_relations", None) or {}).items())
    ]


def _fk_labels(wanted: Mapping[type[models.Model], set[Any]], user: Any) -> dict[tuple[type, Any], str]:
    """The names of related records, one query per related model; a project the user may not see in full
    reads by its code name."""
    labels: dict[tuple[type, Any], str] = {}
    for model, ids in wanted.items():
        manager = model.all_objects if hasattr(model, "all_objects") else model._base_manager
        rows = manager.filter(pk__in=ids).select_related()
        if hasattr(rows, "disclosed_to"):
            rows = rows.disclosed_to(user)
        for obj in rows:
            labels[model, obj.pk] = str(obj)  # a project's str() is its title: the code name when masked
    return labels


def _text(
    value: Any,
    fld: models.Field,
    record: Any,
    formats: Mapping[str, Formatter],
    fk: Mapping[tuple[type, Any], str],
) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if fld.name in formats:
        return formats[fld.name](value, record)
    if fld.choices:
        return str(dict(fld.flatchoices).get(value, value))
    if isinstance(fld, models.ForeignKey):
        return fk.get((fld.related_model, value), _("#%(id)s（已删除）") % {"id": value})
    if isinstance(fld, models.ManyToManyField):
        return "、".join(fk.get((fld.related_model, v), _("#%(id)s（已删除）") % {"id": v}) for v in value)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else (value.strftime("%Y-%m-%d %H:%M"))
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _label(fld: models.Field, formats: Mapping[str, Formatter]) -> str:
    name = str(fld.verbose_name)
    # "合同投资额（元）" reads "合同投资额" once its values are written with their unit.
    return re.sub(r"（[^（）]*元）$", "", name) if fld.name in formats else name


def diff_rows(
    records: Sequence[Any], *, user: Any, masked: Iterable[str] = (), older_than_last: Any | None = None
) -> list[Row]:
    """Readable rows for history records of one object, newest first; each is compared with the record
    after it (the last with `older_than_last`, the record just before the page, if any). A creation
    lists the values the record was created with. Values of `masked` fields read “（保密）”.
    """
    if not records:
        return []
    history_model = type(records[0])
    entry = entry_for(history_model.instance_type)
    formats = entry.formats if entry is not None else {}
    fields = diffable_fields(history_model)
    masked = frozenset(masked)
    hidden = _("（保密）")
    olders = [*records[1:], older_than_last]
    order = {name: i for i, name in enumerate(fields)}
    editable = [name for name, f in fields.items() if f.editable]
    derived = [name for name, f in fields.items() if not f.editable]

    raw: list[tuple[Any, Any | None, list[tuple[models.Field, Any, Any]]]] = []
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for record, older in zip(records, olders, strict=True):
        if older is not None:
            delta = record.diff_against(older, included_fields=editable)
            pairs = [(fields[c.field], c.old, c.new) for c in delta.changes]
            # diff_against reads fields as a form would, so derived (non-editable) ones are compared here.
            pairs += [
                (fields[name], old, new)
                for name in derived
                if (old := getattr(older, fields[name].attname))
                != (new := getattr(record, fields[name].attname))
            ]
        elif record.history_type == "+":
            values = model_to_dict(record, fields=editable)
            values |= {name: getattr(record, fields[name].attname) for name in derived}
            pairs = [
                (fields[name], None, value)
                for name, value in values.items()
                if value not in (None, "", [], {}) and not (isinstance(value, bool) and not value)
            ]
        else:
            pairs = []
        pairs.sort(key=lambda p: order[p[0].name])  # the model's order, not alphabetical
        pairs += relation_pairs(record)
        for fld, old, new in pairs:
            if fld.name in masked:
                continue
            if isinstance(fld, models.ForeignKey):
                wanted[fld.related_model].update(v for v in (old, new) if v is not None)
            elif isinstance(fld, models.ManyToManyField):
                wanted[fld.related_model].update((*old, *new))
        raw.append((record, older, pairs))

    fk = _fk_labels(wanted, user)
    rows = []
    for record, older, pairs in raw:
        changes = []
        for fld, old, new in pairs:
            label = _label(fld, formats)
            if fld.name in masked:
                changes.append(Change(label, hidden, hidden))
                continue
            old_text = _text(old, fld, older, formats, fk) if older is not None else EMPTY
            new_text = _text(new, fld, record, formats, fk)
            if old_text == new_text and old is not None and new is not None:  # rounding hid the change
                old_text, new_text = f"{old_text}（{old}）", f"{new_text}（{new}）"
            changes.append(Change(label, old_text, new_text))
        kind = _kind(record, older)
        reason = record.history_change_reason or ""
        if not reason and kind == "deleted":
            reason = getattr(record, "deletion_reason", "") or ""
        if reason and ({"history_change_reason", "deletion_reason"} & masked):
            reason = hidden
        rows.append(Row(record=record, kind=kind, reason=reason, changes=changes))
    return rows


def masked_for(obj: Any) -> frozenset[str]:
    """The fields whose values the viewer may not see: what the record's registration says."""
    entry = entry_for(obj)
    return frozenset(entry.masked(obj)) if entry is not None else frozenset()


def history_records(obj: Any) -> models.QuerySet:
    """The history of one record, newest first (ties broken by the history id)."""
    return obj.history.select_related("history_user").order_by("-history_date", "-history_id")


def latest_rows(obj: Any, *, user: Any, masked: Iterable[str] = (), limit: int = 10) -> list[Row]:
    """The `limit` latest changes of a record, each diffed against the one before it."""
    records = list(history_records(obj)[: limit + 1])
    older = records[limit] if len(records) > limit else None
    return diff_rows(records[:limit], user=user, masked=masked, older_than_last=older)
