"""The audit trail: every history record says who, when, what, and from where (IP address or API token).

django-simple-history writes the records; `audited()` gives a model's `HistoricalRecords` our two extra
columns, and the `pre_create_historical_record` receiver fills them from the request being served
(`HistoryRequestMiddleware` keeps it). Bulk writes pass `origin()` as their custom historical attributes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from zhaoshang.core.clientip import client_ip
from zhaoshang.core.json import UnicodeJSONEncoder


class AuditOrigin(models.Model):
    """The columns every history table adds: where the change came from."""

    history_ip = models.GenericIPAddressField(_("来源 IP"), null=True, blank=True)
    # The token's purpose and prefix as text, so the record stays readable after the token is deleted.
    history_token = models.CharField(_("API 令牌"), max_length=120, blank=True)
    # Many-to-many changes made with this save ({"investors": [[ids before], [ids after]]}): a relation
    # is not a column of the history table, so `set_relations` notes it here.
    history_relations = models.JSONField(_("关联变更"), default=dict, blank=True, encoder=UnicodeJSONEncoder)

    class Meta:
        abstract = True


def audited(**kwargs: Any) -> HistoricalRecords:
    """`HistoricalRecords` with the origin columns; use for every model whose changes are audited."""
    return HistoricalRecords(bases=[AuditOrigin], **kwargs)


def origin_of(request: Any) -> dict[str, Any]:
    """The origin columns for a request (empty outside one: commands, the demo loader)."""
    if request is None:
        return {}
    token = getattr(request, "api_token", None)
    return {
        "history_ip": client_ip(request),
        "history_token": str(token) if token is not None else "",
    }


def origin() -> dict[str, Any]:
    """The origin of the change being made now, from the request this thread is serving."""
    return origin_of(getattr(HistoricalRecords.context, "request", None))


def set_relations(obj: models.Model, **relations: Iterable[Any] | None) -> None:
    """Set many-to-many relations of a just-saved audited object (None leaves one as it is) and note
    what changed on the history record that save wrote, so the audit trail shows it."""
    changed = {}
    for name, items in relations.items():
        if items is None:
            continue
        manager = getattr(obj, name)
        before = sorted(manager.values_list("pk", flat=True))
        manager.set(items)
        after = sorted(manager.values_list("pk", flat=True))
        if before != after:
            changed[name] = [before, after]
    if changed:
        record = obj.history.order_by("-history_date", "-history_id").first()
        record.history_relations = {**record.history_relations, **changed}
        record.save(update_fields=["history_relations"])


@receiver(pre_create_historical_record)
def stamp_origin(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    if not isinstance(history_instance, AuditOrigin):
        return
    for field, value in origin().items():
        setattr(history_instance, field, value)
