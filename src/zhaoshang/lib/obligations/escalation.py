"""The escalation ladder of an overdue obligation: person → unit head → district administrator → city, one
level per interval past the deadline (the interval from the pack), computed from `today` passed in."""

from __future__ import annotations

from datetime import date

LEVELS = {0: "经办人", 1: "单位负责人", 2: "区县管理员", 3: "市级"}
TOP = max(LEVELS)


def days_overdue(deadline: date, today: date) -> int:
    """Days past the deadline (0 on the deadline itself and before it)."""
    return max(0, (today - deadline).days)


def level(deadline: date, today: date, interval_days: int) -> int:
    """The level an open item stands at: 0 until its deadline has passed; then 1 for the first
    `interval_days` days overdue, 2 for the next interval, 3 (the city) from then on."""
    if interval_days <= 0:
        raise ValueError(f"升级间隔须为正数：{interval_days}")
    late = days_overdue(deadline, today)
    if late == 0:
        return 0
    return min(TOP, 1 + (late - 1) // interval_days)


def next_level(current: int, deadline: date, today: date, interval_days: int) -> int | None:
    """The level to raise the item to now, or None when nothing is new (running twice a day, or after the
    item has already climbed, changes nothing: an item never climbs down by itself)."""
    due = level(deadline, today, interval_days)
    return due if due > current else None
