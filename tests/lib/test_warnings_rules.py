"""The warning rules on hand-made timelines, at every boundary (the day a colour changes)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from zhaoshang.lib import warnings_rules as w
from zhaoshang.lib.resources import WARNING_PACKS

PACKS = w.load_packs(WARNING_PACKS)
PACK = w.pack_for("500106", PACKS)


def facts(**kwargs) -> w.ProjectFacts:
    kwargs.setdefault("project_id", 1)
    kwargs.setdefault("stage", "registered")
    kwargs.setdefault("signed_on", date(2026, 1, 5))
    return w.ProjectFacts(**kwargs)


def colour(f: w.ProjectFacts, today: date, pack: w.Pack = PACK) -> str:
    return w.evaluate(f, pack, today).colour


# -- nodes ---------------------------------------------------------------------------------------------

NODE = w.NodeFacts(7, "施工许可", date(2026, 3, 10))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 10), w.GREEN),  # the planned day itself is on time
        (date(2026, 3, 11), w.YELLOW),  # the day after: overdue
        (date(2026, 3, 10) + timedelta(days=29), w.YELLOW),
        (date(2026, 3, 10) + timedelta(days=30), w.RED),  # past it by 30 days
    ],
)
def test_a_node_turns_yellow_the_day_after_its_planned_date_and_red_30_days_after(today, expected):
    assert colour(facts(nodes=(NODE,)), today) == expected


def test_a_done_node_is_never_overdue():
    done = w.NodeFacts(7, "施工许可", date(2026, 3, 10), done_on=date(2026, 5, 1))
    assert colour(facts(nodes=(done,)), date(2026, 6, 1)) == w.GREEN


def test_a_node_finding_names_the_node_its_date_and_the_days():
    verdict = w.evaluate(facts(nodes=(NODE,)), PACK, date(2026, 4, 9))
    (finding,) = verdict.findings
    assert finding.rule == w.NODE_OVERDUE and finding.colour == w.RED and finding.node_id == 7
    assert finding.facts["node"] == "施工许可"
    assert finding.facts["planned_on"] == "2026-03-10"
    assert finding.facts["days_overdue"] == 30
    assert finding.key == "node_overdue:7"


def test_the_most_overdue_node_comes_first():
    later = w.NodeFacts(8, "开工", date(2026, 3, 20))
    verdict = w.evaluate(facts(nodes=(later, NODE)), PACK, date(2026, 3, 25))
    assert [f.node_id for f in verdict.findings] == [7, 8]


# -- start -------------------------------------------------------------------------------------------

PLANNED = date(2026, 5, 20)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 5, 31), w.GREEN),  # still the planned month
        (date(2026, 6, 1), w.YELLOW),  # the first day of the month after
        (date(2026, 7, 31), w.YELLOW),  # second month late
        (date(2026, 8, 1), w.RED),  # exactly three months after the planned month
    ],
)
def test_not_started_by_the_planned_month_is_yellow_and_red_after_three_months(today, expected):
    assert colour(facts(planned_start_on=PLANNED), today) == expected


def test_a_recorded_delay_reason_keeps_a_late_start_green():
    assert colour(facts(planned_start_on=PLANNED, start_delay_reason="供地调整"), date(2026, 9, 1)) == w.GREEN
    assert colour(facts(planned_start_on=PLANNED, start_delay_reason="  "), date(2026, 9, 1)) == w.RED


def test_a_started_project_is_not_late_to_start():
    started = facts(stage="started", planned_start_on=PLANNED, started_on=date(2026, 9, 1))
    assert all(f.rule != w.START_DELAYED for f in w.evaluate(started, PACK, date(2026, 9, 2)).findings)


def test_the_start_finding_records_the_planned_date_and_months_late():
    (finding,) = w.evaluate(facts(planned_start_on=PLANNED), PACK, date(2026, 8, 1)).findings
    assert finding.facts == {"planned_start_on": "2026-05-20", "months_late": 3, "red_months": 3}


# -- investment --------------------------------------------------------------------------------------

# 30 June: time progress is exactly 50% (months / 12 at a month end).
H1 = date(2026, 6, 30)


@pytest.mark.parametrize(
    ("completed", "expected"),
    [
        (4_100, w.GREEN),  # 41%: 9 points behind
        (4_000, w.YELLOW),  # 40%: exactly 10 points behind
        (2_000, w.YELLOW),  # 20%: exactly 30 points behind
        (1_999, w.RED),  # 19.99%: more than 30
        (6_000, w.GREEN),  # ahead
    ],
)
def test_investment_behind_time_progress_by_10_to_30_points_is_yellow_and_more_is_red(completed, expected):
    assert colour(facts(stage="started", year_planned=10_000, year_completed=completed), H1) == expected


def test_investment_finding_gives_both_percentages():
    f = facts(stage="started", year_planned=10_000, year_completed=2_000)
    (finding,) = w.evaluate(f, PACK, H1).findings
    assert finding.facts["completion_pct"] == "20.0"
    assert finding.facts["time_progress_pct"] == "50.0"
    assert finding.facts["behind_points"] == "30.0"


def test_no_plan_for_the_year_means_no_investment_rule():
    assert colour(facts(stage="started", year_planned=None, year_completed=0), H1) == w.GREEN
    assert colour(facts(stage="started", year_planned=0, year_completed=0), H1) == w.GREEN


def test_time_progress_is_the_metrics_time_progress():
    assert w.year_time_progress(date(2026, 6, 30)) == Decimal("0.5")
    assert w.year_time_progress(date(2026, 1, 1)) == Decimal(1) / 365


# -- statistics ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("started", "today", "expected"),
    [
        (date(2026, 1, 15), date(2026, 2, 14), w.GREEN),
        (date(2026, 1, 15), date(2026, 2, 15), w.YELLOW),  # exactly one month after starting
        (date(2026, 1, 15), date(2026, 3, 14), w.YELLOW),
        (date(2026, 1, 15), date(2026, 3, 15), w.RED),  # exactly two months
        (date(2026, 1, 31), date(2026, 2, 27), w.GREEN),
        (date(2026, 1, 31), date(2026, 2, 28), w.YELLOW),  # a short month: its last day
    ],
)
def test_not_in_statistics_one_month_after_starting_is_yellow_two_is_red(started, today, expected):
    assert colour(facts(stage="started", started_on=started), today) == expected


def test_in_statistics_is_green():
    f = facts(stage="started", started_on=date(2026, 1, 15), in_statistics_on=date(2026, 2, 1))
    assert colour(f, date(2026, 6, 1)) == w.GREEN


# -- the project's colour ------------------------------------------------------------------------------


def test_the_worst_colour_wins_and_every_finding_is_kept():
    f = facts(
        stage="started",
        started_on=date(2026, 5, 1),  # yellow on 6 June (one month), red from 1 July
        nodes=(w.NodeFacts(3, "竣工", date(2026, 4, 1)),),  # 66 days overdue: red
    )
    verdict = w.evaluate(f, PACK, date(2026, 6, 6))
    assert verdict.colour == w.RED
    assert [(x.rule, x.colour) for x in verdict.findings] == [
        (w.NODE_OVERDUE, w.RED),
        (w.NOT_IN_STATISTICS, w.YELLOW),
    ]
    assert verdict.pack_version == PACK.version


def test_terminated_and_unsigned_projects_have_no_colour():
    for stage in ("lead", "negotiating", "terminated"):
        assert w.evaluate(facts(stage=stage, nodes=(NODE,)), PACK, date(2027, 1, 1)).findings == ()


def test_worst_of_colours():
    assert w.worst([]) == w.GREEN
    assert w.worst([w.YELLOW, w.GREEN]) == w.YELLOW
    assert w.worst([w.YELLOW, w.RED, w.GREEN]) == w.RED


# -- 三未 ----------------------------------------------------------------------------------------------


def test_the_three_waiting_lists_count_days_from_the_stage_date():
    today = date(2026, 3, 1)
    signed = w.waiting(facts(stage="signed", signed_on=date(2026, 2, 1)), today)
    assert signed == w.Waiting(1, w.SIGNED_NOT_REGISTERED, date(2026, 2, 1), 28)
    reg = w.waiting(facts(stage="registered", registered_on=date(2026, 3, 1)), today)
    assert reg is not None and (reg.list_key, reg.days) == (w.REGISTERED_NOT_STARTED, 0)
    started = w.waiting(facts(stage="started", started_on=date(2025, 3, 1)), today)
    assert started is not None and (started.list_key, started.days) == (w.STARTED_NOT_PRODUCING, 365)
    assert w.waiting(facts(stage="in_production"), today) is None
    assert w.waiting(facts(stage="terminated"), today) is None


# -- dates ---------------------------------------------------------------------------------------------


def test_add_months_clamps_to_the_month_end():
    assert w.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert w.add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert w.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert w.months_between(date(2026, 5, 31), date(2026, 8, 1)) == 3


# -- packs ---------------------------------------------------------------------------------------------


def write(folder: Path, name: str, data: dict) -> None:
    (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def packs_dir(tmp_path: Path) -> Path:
    write(tmp_path, "default", json.loads((WARNING_PACKS / "default.json").read_text(encoding="utf-8")))
    return tmp_path


def test_the_default_pack_has_the_designed_thresholds():
    default = w.pack_for("default", PACKS)
    assert (default.node_red_days, default.start_yellow_months, default.start_red_months) == (30, 1, 3)
    assert (default.investment_yellow_points, default.investment_red_points) == (10, 30)
    assert (default.statistics_yellow_months, default.statistics_red_months) == (1, 2)
    assert default.version == "2026.1"


def test_a_district_overrides_its_city_rule_by_rule(packs_dir: Path):
    write(packs_dir, "500000", {"version": "3", "rules": {"node_overdue": {"red_days": 20}}})
    write(packs_dir, "500106", {"version": "1", "rules": {"not_in_statistics": {"red_months": 3}}})
    packs = w.load_packs(packs_dir)
    district = w.pack_for("500106", packs)
    assert district.layers == ("default", "500000", "500106")
    assert district.version == "2026.1+500000@3+500106@1"
    assert (district.node_red_days, district.statistics_red_months) == (20, 3)
    assert district.start_red_months == 3  # untouched: the default's
    other = w.pack_for("500107", packs)
    assert (other.node_red_days, other.statistics_red_months) == (20, 2)
    # The overridden threshold moves the boundary.
    day = NODE.planned_on + timedelta(days=20)
    assert colour(facts(nodes=(NODE,)), day, district) == w.RED
    assert colour(facts(nodes=(NODE,)), day, w.pack_for("510104", packs)) == w.YELLOW


def test_a_pack_can_turn_a_rule_off(packs_dir: Path):
    write(packs_dir, "500106", {"version": "1", "rules": {"not_in_statistics": None}})
    pack = w.pack_for("500106", w.load_packs(packs_dir))
    assert not pack.enabled(w.NOT_IN_STATISTICS)
    assert colour(facts(stage="started", started_on=date(2026, 1, 1)), date(2026, 9, 1), pack) == w.GREEN


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("500106", {"version": "1", "rules": {"nope": {}}}, "未知的预警规则"),
        ("500106", {"version": "1", "rules": {"node_overdue": {"days": 3}}}, "没有参数"),
        ("500106", {"version": "1", "rules": {"node_overdue": {"red_days": -1}}}, "非负整数"),
        ("500106", {"version": "1", "rules": {"start_delayed": {"red_months": 0}}}, "红灯阈值小于黄灯阈值"),
        ("500106", {"version": "1", "rules": {"investment_behind": {"red_points": "很多"}}}, "必须是数字"),
        ("500106", {"version": "1", "rules": {"investment_behind": {"red_points": 1.5}}}, "必须是数字"),
        ("500106", {"rules": {}}, "version"),
        ("shapingba", {"version": "1"}, "区划代码"),
        ("default", {"version": "1", "rules": {"node_overdue": {"red_days": 3}}}, "全部参数"),
    ],
)
def test_a_bad_pack_is_refused_with_a_chinese_message(packs_dir: Path, name, data, message):
    write(packs_dir, name, data)
    with pytest.raises(w.PackError, match=message):
        w.load_packs(packs_dir)
