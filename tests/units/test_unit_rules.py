"""The unit and member rules (units/rules.py), pure: each broken rule names its field in Chinese."""

from __future__ import annotations

import pytest

from zhaoshang.units import rules

KINDS = {"development", "other"}


def _unit(**over):
    values = {
        "name": "区发改委",
        "short_name": "发改委",
        "kind": "development",
        "kinds": KINDS,
        "name_taken": False,
    }
    return rules.unit_problems(**(values | over))


def test_a_complete_unit_has_no_problem():
    assert _unit() == []


@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"name": "  "}, "name", "请填写单位名称"),
        ({"name": "委" * 101}, "name", "不能超过 100 个字"),
        ({"name_taken": True}, "name", "同名"),
        ({"short_name": "简" * 21}, "short_name", "不能超过 20 个字"),
        ({"kind": "army"}, "kind", "未知的单位类别"),
    ],
)
def test_it_names_the_field_and_says_why(over, field, words):
    (problem,) = _unit(**over)
    assert problem.field == field and words in problem.message


def test_a_name_of_exactly_100_characters_is_accepted():
    assert _unit(name="委" * 100) == []


def _member(**over):
    values = {
        "role": "unit",
        "is_superuser": False,
        "user_region": "500106",
        "unit_region": "500106",
        "unit_active": True,
        "other_unit": None,
    }
    return rules.member_problems(**(values | over))


def test_a_unit_user_of_the_units_region_may_join():
    assert _member() == []


@pytest.mark.parametrize(
    ("over", "words"),
    [
        ({"role": "officer"}, "只有“责任单位”角色"),
        ({"is_superuser": True}, "只有“责任单位”角色"),
        ({"user_region": "500107"}, "不属于本单位所在区划"),
        ({"user_region": None}, "不属于本单位所在区划"),
        ({"other_unit": "区经信委"}, "已是“区经信委”的成员"),
        ({"unit_active": False}, "单位已停用"),
    ],
)
def test_it_refuses_a_member_who_cannot_act_for_the_unit(over, words):
    (problem,) = _member(**over)
    assert words in problem.message
