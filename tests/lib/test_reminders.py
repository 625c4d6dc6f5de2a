"""When a reminder is due for a subscriber, when a day becomes a digest, the back-off of failed sends."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from zhaoshang.lib import reminders

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("due", "days_ahead", "expected"),
    [
        (date(2026, 12, 10), 3, True),  # exactly the days ahead
        (date(2026, 12, 11), 3, False),  # one day further
        (date(2026, 12, 7), 0, True),  # today, no days ahead
        (date(2026, 12, 8), 0, False),
        (date(2026, 11, 1), 0, True),  # overdue
        (None, 0, True),  # no date: at once
        (date(2026, 12, 7), -2, True),  # a negative setting counts as 0
    ],
)
def test_a_reminder_reaches_a_subscriber_from_its_days_ahead_on(due, days_ahead, expected):
    assert reminders.is_due(due, TODAY, days_ahead) is expected


@pytest.mark.parametrize(("count", "threshold", "expected"), [(5, 5, False), (6, 5, True), (100, 0, False)])
def test_a_day_becomes_a_digest_only_past_the_threshold(count, threshold, expected):
    assert reminders.digests(count, threshold) is expected


def test_the_back_off_doubles_from_the_base_up_to_the_cap():
    waits = [reminders.backoff_seconds(n, base=60, cap=3600) for n in range(0, 9)]
    assert waits == [0, 60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert reminders.next_attempt(datetime(2026, 12, 7, 8, 0), 3, base=60, cap=3600) == datetime(
        2026, 12, 7, 8, 4
    )
