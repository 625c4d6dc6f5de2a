"""The plan rules (plans/rules.py) on hand-made values: a node is not completed before its dependencies."""

from __future__ import annotations

from datetime import date

from zhaoshang.lib.schedule import NodeSpec
from zhaoshang.plans.rules import (
    Dependency,
    completion_problems,
    delay_problems,
    reopen_problems,
    template_problems,
)

TODAY = date(2024, 6, 1)


def messages(problems):
    return [p.message for p in problems]


def test_a_node_whose_dependencies_are_done_by_then_can_be_completed():
    deps = [Dependency("规划许可", date(2024, 5, 1)), Dependency("能评/环评", date(2024, 5, 20))]
    assert completion_problems(on=date(2024, 5, 20), dependencies=deps, today=TODAY) == []


def test_a_node_cannot_be_completed_while_a_dependency_is_open():
    deps = [Dependency("规划许可", date(2024, 5, 1)), Dependency("能评/环评", None)]
    assert messages(completion_problems(on=date(2024, 5, 20), dependencies=deps, today=TODAY)) == [
        "前置节点“能评/环评”尚未完成，不能先完成本节点。"
    ]


def test_a_node_cannot_be_completed_the_day_before_its_dependency():
    deps = [Dependency("规划许可", date(2024, 5, 21))]
    assert messages(completion_problems(on=date(2024, 5, 20), dependencies=deps, today=TODAY)) == [
        "实际完成日期不能早于前置节点“规划许可”的完成日期（2024-05-21）。"
    ]


def test_completion_today_is_allowed_tomorrow_is_not():
    assert completion_problems(on=TODAY, dependencies=[], today=TODAY) == []
    assert messages(completion_problems(on=date(2024, 6, 2), dependencies=[], today=TODAY)) == [
        "实际完成日期不能晚于今天。"
    ]


def test_completion_before_signing_is_refused_and_a_missing_date_is_asked_for():
    assert messages(
        completion_problems(on=date(2024, 1, 1), dependencies=[], today=TODAY, signed_on=date(2024, 1, 2))
    ) == ["实际完成日期不能早于签约日期（2024-01-02）。"]
    assert messages(completion_problems(on=None, dependencies=[], today=TODAY)) == ["请填写实际完成日期。"]


def test_a_delay_needs_a_reason_of_bounded_length():
    assert messages(delay_problems("  ")) == ["请填写延期原因。"]
    assert delay_problems("用地指标待市里下达") == []
    assert delay_problems("长" * 500) == []
    assert messages(delay_problems("长" * 501)) == ["延期原因不能超过 500 个字。"]


def test_a_node_cannot_be_reopened_under_a_completed_dependent():
    assert messages(reopen_problems(dependents_done=["施工许可"])) == [
        "后续节点“施工许可”已完成，不能撤销本节点的完成。"
    ]
    assert reopen_problems(dependents_done=[]) == []


def test_a_template_with_a_cycle_names_it_in_words():
    nodes = [NodeSpec("a", depends_on=("b",)), NodeSpec("b", depends_on=("a",))]
    assert messages(template_problems(nodes, {"a": "供地", "b": "规划许可"})) == [
        "前置节点形成循环：供地 → 规划许可 → 供地。"
    ]


def test_a_template_needs_nodes_with_unique_codes_and_known_dependencies():
    assert messages(template_problems([])) == ["模板至少需要一个节点。"]
    assert "节点代码“a”重复。" in messages(template_problems([NodeSpec("a"), NodeSpec("a")]))
    assert messages(template_problems([NodeSpec("a", depends_on=("x",))])) == ["节点“a”的前置节点“x”不存在。"]
    assert "节点“a”不能依赖自身。" in messages(template_problems([NodeSpec("a", depends_on=("a",))]))
