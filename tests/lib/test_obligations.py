"""The engine of 督办 and 诉求 (lib/obligations): state machines, working days, rule packs, escalation and
KPIs, at every boundary, with a controlled clock."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from zhaoshang.lib import resources
from zhaoshang.lib.obligations import escalation, kpis
from zhaoshang.lib.obligations import pack as packs
from zhaoshang.lib.obligations.machine import APPEAL, SUPERVISION, Side, TransitionRefused
from zhaoshang.lib.obligations.workdays import add_working_days, is_working_day

DEFAULT = packs.choose(packs.load_dir(resources.OBLIGATION_PACKS), "500106")


def _payload(action):
    return {
        "reason": "已处理" if action.needs_reason or action.needs_satisfaction else "",
        "satisfaction": "satisfied" if action.needs_satisfaction else None,
    }


# --- state machines ---------------------------------------------------------------------------------


def test_a_supervision_item_walks_from_assigned_to_closed():
    state = SUPERVISION.initial
    for key, side in [
        ("sign", Side.UNIT),
        ("handle", Side.UNIT),
        ("report", Side.UNIT),
        ("review", Side.DISTRICT),
        ("close", Side.DISTRICT),
    ]:
        state = SUPERVISION.apply(state, key, side=side, reason="办理情况")
    assert state == "closed" and not SUPERVISION.is_open(state)


def test_a_returned_supervision_item_goes_back_to_handling_with_a_reason():
    assert SUPERVISION.apply("reviewing", "return", side=Side.DISTRICT, reason="材料不全") == "handling"
    with pytest.raises(TransitionRefused, match="须填写理由"):
        SUPERVISION.apply("reviewing", "return", side=Side.DISTRICT, reason="  ")


@pytest.mark.parametrize("machine", [SUPERVISION, APPEAL], ids=["督办", "诉求"])
def test_every_action_from_a_state_it_does_not_start_from_is_refused_in_chinese(machine):
    refused = 0
    for state, action in itertools.product(machine.states, machine.actions):
        if action.source == state:
            continue
        with pytest.raises(TransitionRefused) as exc:
            machine.apply(state, action.key, side=action.side, **_payload(action))
        message = str(exc.value)
        assert f"当前为“{machine.label(state)}”" in message and f"不能执行“{action.label}”" in message
        refused += 1
    assert refused == len(machine.states) * len(machine.actions) - len(machine.actions)


@pytest.mark.parametrize("machine", [SUPERVISION, APPEAL], ids=["督办", "诉求"])
def test_every_action_pressed_by_the_wrong_side_is_refused(machine):
    for action in machine.actions:
        other = Side.DISTRICT if action.side == Side.UNIT else Side.UNIT
        with pytest.raises(TransitionRefused, match="只能由"):
            machine.apply(action.source, action.key, side=other, **_payload(action))


def test_the_final_state_offers_no_action():
    assert SUPERVISION.available("closed") == [] and APPEAL.available("closed") == []
    with pytest.raises(TransitionRefused, match="此时可执行：无"):
        SUPERVISION.apply("closed", "return", side=Side.DISTRICT, reason="再办")


def test_unknown_states_and_actions_are_refused():
    with pytest.raises(TransitionRefused, match="未知的督办事项状态"):
        SUPERVISION.apply("lost", "sign", side=Side.UNIT)
    with pytest.raises(TransitionRefused, match="未知的企业诉求操作"):
        APPEAL.apply("collected", "approve", side=Side.DISTRICT)


def test_a_feedback_needs_its_text():
    with pytest.raises(TransitionRefused, match="“反馈”须填写理由"):
        SUPERVISION.apply("handling", "report", side=Side.UNIT)


def test_an_appeal_walks_from_collected_to_closed():
    state = APPEAL.initial
    state = APPEAL.apply(state, "assign", side=Side.DISTRICT)
    state = APPEAL.apply(state, "handle", side=Side.UNIT)
    state = APPEAL.apply(state, "report", side=Side.UNIT, reason="已协调供电")
    state = APPEAL.apply(state, "revisit", side=Side.DISTRICT, satisfaction="mostly")
    assert state == "revisited"
    assert APPEAL.apply(state, "close", side=Side.DISTRICT) == "closed"


def test_an_unsatisfied_revisit_reopens_the_appeal_and_needs_the_reason():
    assert (
        APPEAL.apply("reported", "revisit", side=Side.DISTRICT, satisfaction="unsatisfied", reason="仍未通电")
        == "handling"
    )
    with pytest.raises(TransitionRefused, match="不满意的原因"):
        APPEAL.apply("reported", "revisit", side=Side.DISTRICT, satisfaction="unsatisfied")


def test_a_revisit_needs_a_known_satisfaction_and_no_other_action_takes_one():
    for bad in (None, "", "happy"):
        with pytest.raises(TransitionRefused, match="须选择企业满意度"):
            APPEAL.apply("reported", "revisit", side=Side.DISTRICT, satisfaction=bad)
    with pytest.raises(TransitionRefused, match="不记录满意度"):
        APPEAL.apply("collected", "assign", side=Side.DISTRICT, satisfaction="satisfied")


# --- working days -----------------------------------------------------------------------------------


def test_the_day_of_receipt_does_not_count_and_weekends_are_skipped():
    friday = date(2026, 12, 4)
    assert add_working_days(friday, 0, DEFAULT) == friday
    assert add_working_days(friday, 1, DEFAULT) == date(2026, 12, 7)  # Monday
    assert add_working_days(friday, 5, DEFAULT) == date(2026, 12, 11)


def test_holidays_are_skipped_and_worked_weekend_days_count():
    assert not is_working_day(date(2026, 10, 1), DEFAULT)
    assert is_working_day(date(2026, 10, 10), DEFAULT)  # a Saturday worked (调休)
    # received on 30 September: 1–7 October are the National Day holiday, 8 October the first working day
    assert add_working_days(date(2026, 9, 30), 1, DEFAULT) == date(2026, 10, 8)
    assert add_working_days(date(2026, 10, 9), 1, DEFAULT) == date(2026, 10, 10)


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError, match="不能为负数"):
        add_working_days(date(2026, 1, 5), -1, DEFAULT)


# --- rule packs -------------------------------------------------------------------------------------


def test_the_default_pack_sets_limits_by_category_and_severity():
    assert DEFAULT.version == "2026.1" and DEFAULT.region == ""
    assert DEFAULT.appeal_limit("land", "major") == 15
    assert DEFAULT.appeal_limit("utilities", "ordinary") == 3
    for category, severity in itertools.product(packs.CATEGORIES, packs.SEVERITIES):
        assert DEFAULT.appeal_limit(category, severity) > 0


def test_unknown_categories_and_severities_are_refused():
    with pytest.raises(packs.PackError, match="未知的诉求类别"):
        DEFAULT.appeal_limit("tax", "ordinary")
    with pytest.raises(packs.PackError, match="未知的诉求紧急程度"):
        DEFAULT.appeal_limit("land", "urgent")


def _raw(**changes):
    data = {
        "version": "1",
        "name": "测试",
        "supervision": {"default_deadline_working_days": 5, "escalation_interval_days": 2},
        "appeals": {
            "escalation_interval_days": 1,
            "limits": {"default": {"ordinary": 1, "cooperative": 2, "major": 3}},
        },
    }
    data.update(changes)
    return data


def test_a_category_without_its_own_row_takes_the_default_row():
    pack = packs.parse(_raw())
    assert pack.appeal_limit("land", "cooperative") == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"version": ""}, "缺少字段 version"),
        ({"region": "12"}, "区划代码无效"),
        ({"supervision": {"escalation_interval_days": 2}}, "supervision.default_deadline_working_days"),
        ({"appeals": {"escalation_interval_days": 0, "limits": {}}}, "须有 default"),
        (
            {"appeals": {"escalation_interval_days": 1, "limits": {"default": {"ordinary": 1}}}},
            "default 缺少：cooperative、major",
        ),
        (
            {
                "appeals": {
                    "escalation_interval_days": 1,
                    "limits": {"default": {"ordinary": 1, "cooperative": 2, "major": 3}, "tax": {}},
                }
            },
            "未知类别",
        ),
        (
            {
                "appeals": {
                    "escalation_interval_days": 0,
                    "limits": {"default": {"ordinary": 1, "cooperative": 2, "major": 3}},
                }
            },
            "appeals.escalation_interval_days 须为正整数",
        ),
        ({"holidays": ["2026-13-01"]}, "holidays 含无效日期"),
    ],
)
def test_a_malformed_pack_is_refused_naming_the_field(changes, message):
    with pytest.raises(packs.PackError, match=message):
        packs.parse(_raw(**changes))


def test_a_district_pack_overrides_its_city_and_the_city_overrides_the_default():
    default = packs.parse(_raw(version="3"))
    city = packs.parse(_raw(version="1", region="500000"))
    district = packs.parse(_raw(version="1", region="500106"))
    newer_city = packs.parse(_raw(version="1.10", region="500000"))
    older_city = packs.parse(_raw(version="1.9", region="500000"))
    assert packs.choose([default, city, district], "500106") is district
    assert packs.choose([default, city, district], "500107") is city
    assert packs.choose([default, city], "510104") is default
    assert packs.choose([older_city, newer_city], "500107") is newer_city
    with pytest.raises(packs.PackError, match="没有适用于 510104"):
        packs.choose([city], "510104")


def test_an_unreadable_pack_file_is_a_pack_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(packs.PackError, match=r"无法读取规则包 bad\.json"):
        packs.load(path)


# --- escalation -------------------------------------------------------------------------------------

DEADLINE = date(2026, 12, 10)


@pytest.mark.parametrize(
    ("days_after", "expected"),
    [(-5, 0), (0, 0), (1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (100, 3)],
)
def test_an_overdue_item_climbs_one_level_per_interval(days_after, expected):
    today = DEADLINE + timedelta(days=days_after)
    assert escalation.level(DEADLINE, today, interval_days=3) == expected


def test_escalating_twice_on_one_day_changes_nothing_and_an_item_never_climbs_down():
    today = DEADLINE + timedelta(days=4)
    assert escalation.next_level(0, DEADLINE, today, 3) == 2
    assert escalation.next_level(2, DEADLINE, today, 3) is None
    assert escalation.next_level(3, DEADLINE, today, 3) is None
    assert escalation.next_level(2, DEADLINE, today + timedelta(days=3), 3) == 3


def test_the_ladder_names_four_levels_and_the_interval_must_be_positive():
    assert list(escalation.LEVELS.values()) == ["经办人", "单位负责人", "区县管理员", "市级"]
    with pytest.raises(ValueError, match="升级间隔"):
        escalation.level(DEADLINE, DEADLINE, 0)


# --- KPIs ------------------------------------------------------------------------------------------


def test_kpis_count_closure_on_time_satisfaction_median_and_oldest_open():
    d = date(2026, 11, 2)
    rows = [
        kpis.Row(1, d, d + timedelta(days=5), d + timedelta(days=5), "satisfied"),  # on the deadline: on time
        kpis.Row(2, d, d + timedelta(days=5), d + timedelta(days=6), "unsatisfied"),  # a day late
        kpis.Row(3, d, d + timedelta(days=5), d + timedelta(days=2), "mostly"),
        kpis.Row(4, d + timedelta(days=1), d + timedelta(days=6), None, None),
        kpis.Row(5, d - timedelta(days=3), d, None, "unsatisfied"),  # reopened: open and rated
    ]
    result = kpis.compute(rows, today=date(2026, 12, 1))
    assert (result.total, result.closed, result.closed_on_time) == (5, 3, 2)
    assert str(result.closure_rate) == "0.6000"
    assert str(result.on_time_rate) == "0.6667"
    assert str(result.satisfaction_rate) == "0.5000"  # 2 of 4 rated
    assert result.median_days == 5
    assert (result.oldest_open_pk, result.oldest_open_days) == (5, 32)


def test_kpis_of_nothing_are_not_comparable():
    result = kpis.compute([], today=date(2026, 12, 1))
    assert result.closure_rate is None and result.median_days is None and result.oldest_open_pk is None
