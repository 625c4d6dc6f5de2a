"""The worker's delivery task (django-tasks): one round over the outbox, then the next round booked at the
next retry's time if rows are waiting for one."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from zhaoshang.notify import delivery


@task()
def deliver_outbox() -> str:
    report = delivery.deliver()
    when = delivery.next_due()
    if when is not None and report.retrying:
        delivery.enqueue_delivery(run_after=max(when, timezone.now()))
    return f"sent {report.sent}, retrying {report.retrying}, failed {report.failed}"
