"""The arithmetic of reminders: when a reminder is due for a subscriber, whether a user's day becomes a
digest, and when a failed send is tried again. Pure: dates and numbers in, decisions out."""

from __future__ import annotations

from datetime import date, datetime, timedelta


def is_due(due: date | None, today: date, days_ahead: int) -> bool:
    """A reminder reaches a subscriber from `days_ahead` days before its date on (and while overdue);
    one without a date at once."""
    return due is None or due <= today + timedelta(days=max(0, days_ahead))


def digests(count: int, threshold: int) -> bool:
    """More than `threshold` new reminders for one user and day are sent as one digest (0: never)."""
    return threshold > 0 and count > threshold


def backoff_seconds(attempts: int, *, base: int, cap: int) -> int:
    """The wait before attempt `attempts + 1` after `attempts` failures: base · 2^(attempts-1), at most cap."""
    if attempts <= 0:
        return 0
    return min(cap, base * 2 ** min(attempts - 1, 30))


def next_attempt(now: datetime, attempts: int, *, base: int, cap: int) -> datetime:
    return now + timedelta(seconds=backoff_seconds(attempts, base=base, cap=cap))
