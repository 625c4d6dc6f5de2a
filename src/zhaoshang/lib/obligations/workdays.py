"""Working days under a pack's calendar: Monday to Friday, less its holidays, plus its worked weekend days
(调休)."""

from __future__ import annotations

from datetime import date, timedelta

from zhaoshang.lib.obligations.pack import RulePack


def is_working_day(day: date, pack: RulePack) -> bool:
    if day in pack.workdays:
        return True
    return day.weekday() < 5 and day not in pack.holidays


def add_working_days(start: date, days: int, pack: RulePack) -> date:
    """The date `days` working days after `start` (the day of receipt itself does not count): an item
    received on a Friday with a limit of 1 working day is due the next Monday."""
    if days < 0:
        raise ValueError(f"工作日数不能为负数：{days}")
    day = start
    left = days
    while left:
        day += timedelta(days=1)
        if is_working_day(day, pack):
            left -= 1
    return day
