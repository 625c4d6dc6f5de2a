"""Writing messages: a day's reminders (`run_reminders`, what `zhaoshang remind` does first) and immediate
notices (`notify`). Both write the in-app message and one outbox row per subscribed channel in one
transaction, idempotent by dedup key; delivery (notify/delivery.py) sends the outbox afterwards."""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhaoshang.lib import reminders as rules
from zhaoshang.notify.models import Channel, Message, Outbox, OutboxStatus, Robot, Subscription
from zhaoshang.notify.sources import DEFAULT_DAYS_AHEAD, SOURCES, Reminder, label_of

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Preference:
    """What a user receives of one kind (their subscription, or the kind's defaults)."""

    enabled: bool
    days_ahead: int
    email: bool


@dataclass
class Written:
    """What one run wrote: new inbox messages (digests counted once), new outbox rows, digests."""

    messages: int = 0
    outbox: int = 0
    digests: int = 0
    collected: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)

    def add(self, other: Written) -> None:
        self.messages += other.messages
        self.outbox += other.outbox
        self.digests += other.digests


def preference(user: Any, kind: str, cache: dict[tuple[int, str], Preference] | None = None) -> Preference:
    key = (user.pk, kind)
    if cache is not None and key in cache:
        return cache[key]
    row = Subscription.objects.filter(user=user, kind=kind).first()
    source = SOURCES.get(kind)
    default_days = source.days_ahead if source else DEFAULT_DAYS_AHEAD
    pref = Preference(row.enabled, row.days_ahead, row.email) if row else Preference(True, default_days, True)
    if cache is not None:
        cache[key] = pref
    return pref


def _absolute(url: str) -> str:
    base = settings.SITE_URL.rstrip("/")
    return f"{base}{url}" if url.startswith("/") and base else url


def _email_row(message: Message, user: Any, *, digest: Outbox | None = None) -> Outbox | None:
    if not user.email:
        return None
    row, created = Outbox.objects.get_or_create(
        channel=Channel.EMAIL,
        target=f"user:{user.pk}",
        dedup_key=message.dedup_key,
        defaults={
            "kind": message.kind,
            "recipient": user,
            "address": user.email,
            "subject": message.subject,
            "body": message.body,
            "url": _absolute(message.url),
            "region": message.region or getattr(user, "region", None),
            "next_attempt_at": timezone.now(),
            "digest": digest,
        },
    )
    return row if created else None


def _robot_row(
    robot: Robot,
    *,
    kind: str,
    subject: str,
    body: str,
    url: str,
    dedup_key: str,
    status: str = OutboxStatus.PENDING,
    digest: Outbox | None = None,
) -> Outbox | None:
    row, created = Outbox.objects.get_or_create(
        channel=robot.platform,
        target=f"robot:{robot.pk}",
        dedup_key=dedup_key,
        defaults={
            "kind": kind,
            "robot": robot,
            "subject": subject[:200],
            "body": body,
            "url": _absolute(url),
            "region": robot.region,
            "status": status,
            "next_attempt_at": timezone.now(),
            "digest": digest,
        },
    )
    return row if created else None


def _robots_for(region: Any, kind: str) -> list[Robot]:
    if region is None:
        return []
    return [robot for robot in Robot.objects.filter(region=region, enabled=True) if robot.takes(kind)]


def _active(users: Iterable[Any]) -> list[Any]:
    seen: dict[int, Any] = {}
    for user in users:
        if user is not None and user.pk is not None and user.is_active:
            seen.setdefault(user.pk, user)
    return list(seen.values())


def notify(
    *,
    kind: str,
    recipients: Sequence[Any],
    subject: str,
    body: str = "",
    url: str = "",
    dedup_key: str,
    region: Any = None,
) -> Written:
    """An immediate message (a 督办 assigned, a request handed over …) to each recipient's inbox, their
    e-mail if subscribed, and the group robots of `region` that take `kind`. The same dedup key twice writes
    nothing the second time."""
    written = Written()
    with transaction.atomic():
        for user in _active(recipients):
            pref = preference(user, kind)
            if not pref.enabled:
                continue
            message, created = Message.objects.get_or_create(
                recipient=user,
                dedup_key=dedup_key,
                defaults={"kind": kind, "subject": subject[:200], "body": body, "url": url, "region": region},
            )
            if not created:
                continue
            written.messages += 1
            if pref.email and _email_row(message, user):
                written.outbox += 1
        for robot in _robots_for(region, kind):
            if _robot_row(robot, kind=kind, subject=subject, body=body, url=url, dedup_key=dedup_key):
                written.outbox += 1
    if written.outbox:
        _deliver_soon()
    return written


def _deliver_soon() -> None:
    from zhaoshang.notify.delivery import enqueue_delivery

    transaction.on_commit(enqueue_delivery)


def _digest_key(today: date, keys: Iterable[str]) -> str:
    digest = hashlib.sha1("\n".join(sorted(keys)).encode()).hexdigest()[:12]
    return f"digest:{today.isoformat()}:{digest}"


def _digest_text(today: date, items: Sequence[tuple[str, Reminder]]) -> tuple[str, str]:
    subject = _("%(date)s 的提醒汇总：%(n)d 条") % {"date": today.isoformat(), "n": len(items)}
    lines = []
    for kind, reminder in items:
        due = f"（{reminder.due.isoformat()}）" if reminder.due else ""
        lines.append(f"· [{label_of(kind)}] {reminder.subject}{due} {_absolute(reminder.url)}".rstrip())
    return subject, "\n".join(lines)


def run_reminders(today: date, *, kinds: Sequence[str] | None = None) -> Written:
    """Collect every registered source's reminders for `today`, keep what each user's subscription asks
    for and has not had yet, and write messages and outbox rows: single ones, or one digest per user (and
    per robot) when more than NOTIFY_DIGEST_THRESHOLD are new that day."""
    threshold = settings.NOTIFY_DIGEST_THRESHOLD
    written = Written()
    cache: dict[tuple[int, str], Preference] = {}
    per_user: dict[int, list[tuple[str, Reminder]]] = defaultdict(list)
    users: dict[int, Any] = {}
    per_robot: dict[int, list[tuple[str, Reminder]]] = defaultdict(list)
    robots: dict[int, Robot] = {}
    for source in SOURCES.values():
        if source.collect is None or (kinds is not None and source.kind not in kinds):
            continue
        collected = list(source.collect(today))
        written.collected += len(collected)
        written.by_kind[source.kind] = len(collected)
        for reminder in collected:
            for user in _active(reminder.recipients):
                pref = preference(user, source.kind, cache)
                if pref.enabled and rules.is_due(reminder.due, today, pref.days_ahead):
                    users[user.pk] = user
                    per_user[user.pk].append((source.kind, reminder))
            if rules.is_due(reminder.due, today, source.days_ahead):
                for robot in _robots_for(reminder.region, source.kind):
                    robots[robot.pk] = robot
                    per_robot[robot.pk].append((source.kind, reminder))
    with transaction.atomic():
        for pk, items in per_user.items():
            written.add(_write_for_user(users[pk], items, today, threshold, cache))
        for pk, items in per_robot.items():
            written.add(_write_for_robot(robots[pk], items, today, threshold))
    if written.outbox:
        _deliver_soon()
    logger.info(
        "reminders for %s: %s collected, %s messages, %s outbox rows, %s digests",
        today,
        written.collected,
        written.messages,
        written.outbox,
        written.digests,
    )
    return written


def _write_for_user(
    user: Any, items: list[tuple[str, Reminder]], today: date, threshold: int, cache: dict
) -> Written:
    written = Written()
    had = set(
        Message.objects.filter(recipient=user, dedup_key__in=[r.dedup_key for _k, r in items]).values_list(
            "dedup_key", flat=True
        )
    )
    new, seen = [], set()
    for kind, reminder in items:
        if reminder.dedup_key not in had and reminder.dedup_key not in seen:
            seen.add(reminder.dedup_key)
            new.append((kind, reminder))
    if not new:
        return written
    if rules.digests(len(new), threshold):
        subject, body = _digest_text(today, new)
        digest = Message.objects.create(
            recipient=user,
            kind="digest",
            subject=subject[:200],
            body=body,
            dedup_key=_digest_key(today, [r.dedup_key for _k, r in new]),
            is_digest=True,
            due=today,
            region=getattr(user, "region", None),
        )
        written.messages += 1
        written.digests += 1
        Message.objects.bulk_create(
            Message(
                recipient=user,
                kind=kind,
                subject=r.subject[:200],
                body=r.body,
                url=r.url,
                dedup_key=r.dedup_key,
                due=r.due,
                region=r.region,
                digest=digest,
                read_at=None,
            )
            for kind, r in new
        )
        if any(preference(user, kind, cache).email for kind, _r in new) and _email_row(digest, user):
            written.outbox += 1
        return written
    for kind, r in new:
        message = Message.objects.create(
            recipient=user,
            kind=kind,
            subject=r.subject[:200],
            body=r.body,
            url=r.url,
            dedup_key=r.dedup_key,
            due=r.due,
            region=r.region,
        )
        written.messages += 1
        if preference(user, kind, cache).email and _email_row(message, user):
            written.outbox += 1
    return written


def _write_for_robot(robot: Robot, items: list[tuple[str, Reminder]], today: date, threshold: int) -> Written:
    written = Written()
    target = f"robot:{robot.pk}"
    had = set(
        Outbox.objects.filter(
            channel=robot.platform, target=target, dedup_key__in=[r.dedup_key for _k, r in items]
        ).values_list("dedup_key", flat=True)
    )
    new, seen = [], set()
    for kind, reminder in items:
        if reminder.dedup_key not in had and reminder.dedup_key not in seen:
            seen.add(reminder.dedup_key)
            new.append((kind, reminder))
    if not new:
        return written
    if rules.digests(len(new), threshold):
        subject, body = _digest_text(today, new)
        digest = _robot_row(
            robot,
            kind="digest",
            subject=subject,
            body=body,
            url="",
            dedup_key=_digest_key(today, [r.dedup_key for _k, r in new]),
        )
        written.digests += 1
        written.outbox += 1
        for kind, r in new:  # kept, so that they are not sent again, but never sent on their own
            _robot_row(
                robot,
                kind=kind,
                subject=r.subject,
                body=r.body,
                url=r.url,
                dedup_key=r.dedup_key,
                status=OutboxStatus.FOLDED,
                digest=digest,
            )
        return written
    for kind, r in new:
        if _robot_row(robot, kind=kind, subject=r.subject, body=r.body, url=r.url, dedup_key=r.dedup_key):
            written.outbox += 1
    return written


def mark_read(user: Any, pks: Iterable[int] | None = None) -> int:
    """Mark the user's messages read (all unread ones when `pks` is None); items of a digest with it."""
    unread = Message.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        ids = list(pks)
        unread = unread.filter(Q(pk__in=ids) | Q(digest_id__in=ids))
    return unread.update(read_at=timezone.now())


def unread_count(user: Any) -> int:
    return Message.objects.filter(recipient=user, read_at__isnull=True, digest__isnull=True).count()
