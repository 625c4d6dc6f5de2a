"""The node scheduler (lib/schedule.py): offsets from signing, 倒排 from the target start, dependencies."""

from __future__ import annotations

from datetime import date

import pytest

from zhaoshang.lib.schedule import (
    SIGNING,
    START,
    Conflict,
    NodeSpec,
    ScheduleError,
    days_late,
    find_cycle,
    order,
    schedule,
)

SIGNED = date(2024, 1, 31)


def test_a_signing_anchored_node_is_due_its_offset_after_signing():
    result = schedule([NodeSpec("review", SIGNING, 0), NodeSpec("filing", SIGNING, 30)], signed_on=SIGNED)
    assert result.planned == {"review": date(2024, 1, 31), "filing": date(2024, 3, 1)}  # leap year


def test_start_anchored_nodes_are_scheduled_back_from_the_target_start():
    specs = [NodeSpec("permit", START, -15), NodeSpec("start", START, 0, ("permit",))]
    result = schedule(specs, signed_on=SIGNED, start_on=date(2024, 6, 1))
    assert result.start == date(2024, 6, 1)
    assert result.planned == {"permit": date(2024, 5, 17), "start": date(2024, 6, 1)}
    assert result.conflicts == ()


def test_without_a_target_start_the_template_offset_from_signing_gives_it():
    result = schedule([NodeSpec("start", START, 0)], signed_on=SIGNED, start_offset_days=180)
    assert result.start == date(2024, 7, 29)
    assert result.planned["start"] == date(2024, 7, 29)


def test_a_signing_node_is_pushed_after_a_later_dependency():
    specs = [NodeSpec("land", SIGNING, 90), NodeSpec("planning", SIGNING, 30, ("land",))]
    result = schedule(specs, signed_on=SIGNED)
    assert result.planned["planning"] == result.planned["land"] == date(2024, 4, 30)


def test_a_start_node_pulls_its_start_dependencies_back_before_itself():
    # 规划许可 60 days after the start by mistake of the template: due no later than 施工许可.
    specs = [NodeSpec("planning", START, 60), NodeSpec("permit", START, -15, ("planning",))]
    result = schedule(specs, signed_on=SIGNED, start_on=date(2024, 6, 1))
    assert result.planned["planning"] == result.planned["permit"] == date(2024, 5, 17)


def test_a_start_too_early_for_a_signing_dependency_is_a_conflict_not_a_silent_move():
    specs = [NodeSpec("land", SIGNING, 90), NodeSpec("permit", START, -15, ("land",))]
    result = schedule(specs, signed_on=SIGNED, start_on=date(2024, 3, 1))
    assert result.planned["permit"] == date(2024, 2, 15)  # the target is kept
    assert result.conflicts == (Conflict("permit", date(2024, 2, 15), "land", date(2024, 4, 30)),)


def test_a_dependency_due_the_same_day_is_no_conflict():
    specs = [NodeSpec("land", SIGNING, 90), NodeSpec("permit", START, 0, ("land",))]
    result = schedule(specs, signed_on=SIGNED, start_on=date(2024, 4, 30))
    assert result.conflicts == ()


def test_the_planned_dates_keep_the_template_order():
    specs = [NodeSpec("b", SIGNING, 1, ("a",)), NodeSpec("a", SIGNING, 0)]
    assert list(schedule(specs, signed_on=SIGNED).planned) == ["b", "a"]
    assert [s.code for s in order(specs)] == ["a", "b"]


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        ([NodeSpec("a"), NodeSpec("a")], "duplicate"),
        ([NodeSpec("a", depends_on=("x",))], "unknown node"),
        ([NodeSpec("a", "later")], "unknown anchor"),
        ([NodeSpec("a", depends_on=("b",)), NodeSpec("b", depends_on=("a",))], "cycle"),
    ],
)
def test_a_broken_template_cannot_be_scheduled(specs, message):
    with pytest.raises(ScheduleError, match=message):
        schedule(specs, signed_on=SIGNED)


def test_find_cycle_names_the_path():
    assert find_cycle({"a": ("c",), "b": ("a",), "c": ("b",)}) == ("a", "c", "b", "a")
    assert find_cycle({"a": (), "b": ("a",)}) is None


@pytest.mark.parametrize(
    ("actual", "today", "late"),
    [
        (None, date(2024, 3, 1), 0),  # due today: on time
        (None, date(2024, 3, 2), 1),  # the day after: one day late
        (None, date(2024, 3, 31), 30),
        (date(2024, 2, 20), date(2024, 5, 1), 0),  # done early
        (date(2024, 3, 11), date(2024, 5, 1), 10),  # done late: counted to the completion
    ],
)
def test_days_late_counts_from_the_day_after_the_planned_date(actual, today, late):
    assert days_late(date(2024, 3, 1), actual=actual, today=today) == late
