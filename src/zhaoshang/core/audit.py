"""The audit trail: every history record says who, when, what, and from where (IP address or API token).

django-simple-history writes the records; `audited()` gives a model's `HistoricalRecords` our two extra
columns, and the `pre_create_historical_record` receiver fills them from the request being served
(`HistoryRequestMiddleware` keeps it). Bulk writes pass `origin()` as their custom historical attributes.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


class AuditOrigin(models.Model):
    """The columns every history table adds: where the change came from."""

    history_ip = models.GenericIPAddressField(_("来源 IP"), null=True, blank=True)
    # The token's purpose and prefix as text, so the record stays readable after the token is deleted.
    history_token = models.CharField(_("API 令牌"), max_length=120, blank=True)

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
        # REMOTE_ADDR only: a forwarded-for header is whatever the client says it is.
        "history_ip": request.META.get("REMOTE_ADDR") or None,
        "history_token": str(token) if token is not None else "",
    }


def origin() -> dict[str, Any]:
    """The origin of the change being made now, from the request this thread is serving."""
    return origin_of(getattr(HistoricalRecords.context, "request", None))


@receiver(pre_create_historical_record)
def stamp_origin(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    if not isinstance(history_instance, AuditOrigin):
        return
    for field, value in origin().items():
        setattr(history_instance, field, value)
