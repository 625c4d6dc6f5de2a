"""Delivering the outbox: claim due rows, send each once, record the outcome.

A row is claimed before it is sent — on PostgreSQL by `SELECT … FOR UPDATE SKIP LOCKED` and an update in
one transaction, elsewhere (SQLite) by a conditional UPDATE per row (pending → sending) — so two workers
or a worker and `zhaoshang remind` never send the same row. A failed send goes back to pending with
`next_attempt_at` pushed out exponentially (NOTIFY_RETRY_BASE_SECONDS · 2^(n-1), at most
NOTIFY_RETRY_MAX_SECONDS) and after NOTIFY_MAX_ATTEMPTS attempts stays failed until an administrator
retries it. A row left `sending` by a process that died is not sent again automatically (it may have gone
out): after NOTIFY_SENDING_TIMEOUT seconds it is marked failed with that explanation.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zhaoshang.lib import reminders as rules
from zhaoshang.notify import channels
from zhaoshang.notify.models import Outbox, OutboxStatus

logger = logging.getLogger(__name__)


@dataclass
class Delivered:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    abandoned: int = 0  # left `sending` by a dead process: marked failed, not resent

    @property
    def problems(self) -> int:
        return self.retrying + self.failed + self.abandoned


def _claim(now: Any, limit: int) -> list[Outbox]:
    due = Outbox.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at", "pk"
    )
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
            Outbox.objects.filter(pk__in=ids).update(status=OutboxStatus.SENDING, claimed_at=now)
    else:
        ids = []
        for pk in due.values_list("pk", flat=True)[:limit]:
            if Outbox.objects.filter(pk=pk, status=OutboxStatus.PENDING).update(
                status=OutboxStatus.SENDING, claimed_at=now
            ):
                ids.append(pk)
    return list(Outbox.objects.filter(pk__in=ids).select_related("robot").order_by("pk"))


def _abandon_stale(now: Any) -> int:
    cutoff = now - timedelta(seconds=settings.NOTIFY_SENDING_TIMEOUT)
    return Outbox.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=cutoff).update(
        status=OutboxStatus.FAILED,
        last_error=_("发送过程中断，无法确认是否已送达；请核实后再决定是否重试。"),
    )


def deliver(*, now: Any = None, limit: int = 500) -> Delivered:
    """Send every due row of the outbox once (up to `limit`)."""
    now = now or timezone.now()
    report = Delivered(abandoned=_abandon_stale(now))
    for row in _claim(now, limit):
        try:
            channels.send(row)
        except channels.SendFailed as exc:
            attempts = row.attempts + 1
            final = attempts >= settings.NOTIFY_MAX_ATTEMPTS
            Outbox.objects.filter(pk=row.pk).update(
                status=OutboxStatus.FAILED if final else OutboxStatus.PENDING,
                attempts=F("attempts") + 1,
                last_error=str(exc)[:2000],
                next_attempt_at=None
                if final
                else rules.next_attempt(
                    timezone.now(),
                    attempts,
                    base=settings.NOTIFY_RETRY_BASE_SECONDS,
                    cap=settings.NOTIFY_RETRY_MAX_SECONDS,
                ),
            )
            if final:
                report.failed += 1
                logger.error(
                    "outbox %s (%s → %s) failed for good after %s attempts: %s",
                    row.pk,
                    row.channel,
                    row.target,
                    attempts,
                    exc,
                )
            else:
                report.retrying += 1
                logger.warning(
                    "outbox %s (%s → %s) attempt %s failed: %s",
                    row.pk,
                    row.channel,
                    row.target,
                    attempts,
                    exc,
                )
        else:
            Outbox.objects.filter(pk=row.pk).update(
                status=OutboxStatus.SENT, attempts=F("attempts") + 1, sent_at=timezone.now(), last_error=""
            )
            report.sent += 1
    return report


def retry(row: Outbox) -> bool:
    """Queue a failed row again (the outbox page's button): attempts start over."""
    updated = Outbox.objects.filter(pk=row.pk, status=OutboxStatus.FAILED).update(
        status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), claimed_at=None
    )
    if updated:
        transaction.on_commit(enqueue_delivery)
    return bool(updated)


def next_due() -> Any:
    return (
        Outbox.objects.filter(status=OutboxStatus.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )


def enqueue_delivery(run_after: Any = None) -> None:
    """Put a delivery round on the worker's queue (at `run_after`, for the next retry)."""
    from zhaoshang.notify.tasks import deliver_outbox

    task = deliver_outbox
    if run_after is not None and deliver_outbox.get_backend().supports_defer:
        task = deliver_outbox.using(run_after=run_after)
    try:
        task.enqueue()
    except Exception:  # a queue that is down must not undo the message: `zhaoshang remind` delivers too
        logger.exception("could not enqueue the outbox delivery")
