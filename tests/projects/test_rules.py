"""projects/rules.py on its own: the ledger's rules over proposed values, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from zhaoshang.lib.amounts import MAX_AMOUNT_YUAN
from zhaoshang.projects.rules import Problem, Proposal, check, entry_problems, move_problems

TODAY = date(2026, 6, 30)


def signed(**overrides) -> Proposal:
    values = {
        "stage": "signed",
        "lead_on": date(2026, 1, 5),
        "signed_on": date(2026, 2, 1),
        "contract_investment": 350_000_000,
    }
    return Proposal.of(values | overrides)


def test_a_complete_signed_project_breaks_no_rule():
    assert check(signed(), today=TODAY) == []


def test_a_signed_project_needs_its_amount():
    assert check(signed(contract_investment=None), today=TODAY) == [
        Problem("contract_investment", "签约及以后阶段的项目必须填写合同投资额。")
    ]


def test_a_registered_project_needs_its_signing_date_and_its_own_date():
    problems = check(signed(stage="registered", signed_on=None), today=TODAY)
    assert problems == [
        Problem("registered_on", "请填写当前阶段（注册）的日期。"),
        Problem("signed_on", "签约及以后阶段的项目必须填写签约日期。"),
    ]


def test_one_problem_per_field_the_current_stage_date_first():
    assert check(signed(signed_on=None), today=TODAY) == [
        Problem("signed_on", "请填写当前阶段（签约）的日期。")
    ]


def test_dates_run_in_order():
    assert check(signed(lead_on=date(2026, 3, 1)), today=TODAY) == [
        Problem("signed_on", "签约日期不能早于线索日期。")
    ]


def test_a_termination_comes_after_every_stage_reached_and_has_a_reason():
    terminated = signed(stage="terminated", terminated_on=date(2026, 1, 20))
    assert check(terminated, today=TODAY) == [
        Problem("termination_reason", "终止的项目必须填写终止原因。"),
        Problem("terminated_on", "终止日期不能早于签约日期。"),
    ]


def test_no_stage_date_is_after_today():
    assert check(signed(signed_on=date(2026, 7, 1)), today=TODAY) == [
        Problem("signed_on", "签约日期不能晚于今天。")
    ]


def test_dates_of_stages_not_reached_are_not_judged():
    assert check(signed(started_on=date(2030, 1, 1)), today=TODAY) == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contract_investment", MAX_AMOUNT_YUAN, None),
        ("contract_investment", MAX_AMOUNT_YUAN + 1, "合同投资额不能超过10万亿元。"),
        ("contract_investment", 9223372036854775807, "合同投资额不能超过10万亿元。"),
        ("fixed_asset_investment", 10**30, "计划固定资产投资不能超过10万亿元。"),
        ("foreign_capital_usd", 10**14, "实际使用外资不能超过10万亿美元。"),
        ("contract_investment", -1, "合同投资额不能为负数。"),
    ],
)
def test_amounts_stay_within_the_ledgers_limit(field, value, message):
    problems = check(signed(**{field: value}), today=TODAY)
    assert problems == ([Problem(field, message)] if message else [])


def test_a_confidential_project_needs_a_code_name():
    assert check(signed(is_confidential=True, code_name="  "), today=TODAY) == [
        Problem("code_name", "保密项目必须填写项目代号。")
    ]


def test_a_manufacturing_override_needs_a_reason():
    assert check(signed(manufacturing_override=False), today=TODAY) == [
        Problem("manufacturing_override_reason", "人工认定是否制造业时必须填写理由。")
    ]


def test_a_proposal_reads_a_projects_attributes():
    class Row:
        stage, signed_on, lead_on, contract_investment = "signed", None, date(2026, 1, 5), 1

    assert check(Proposal.of(Row()), today=TODAY) == [Problem("signed_on", "请填写当前阶段（签约）的日期。")]


def test_a_new_project_is_never_entered_terminated():
    assert entry_problems("terminated") and not entry_problems("signed")


@pytest.mark.parametrize(
    ("old", "new", "one_step", "message"),
    [
        ("negotiating", "signed", True, None),
        ("negotiating", "started", False, None),
        ("negotiating", "started", True, "不允许从“洽谈”变更为“开工”。"),
        ("signed", "signed", True, "不允许从“签约”变更为“签约”。"),
        ("signed", "signed", False, None),
        ("started", "signed", False, "阶段不能倒退（当前为“开工”）。"),
        ("terminated", "signed", False, "项目已终止，不能再变更阶段。"),
        ("registered", "terminated", True, None),
    ],
)
def test_stage_moves(old, new, one_step, message):
    problems = move_problems(old, new, one_step=one_step)
    assert [p.message for p in problems] == ([message] if message else [])
