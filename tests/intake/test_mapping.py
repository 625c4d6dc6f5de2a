"""Which ledger figure a fact claims (pure: no database)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from zhaoshang.intake.mapping import Comparison, comparison_for

CHAINS = {"智能网联新能源汽车": "nev", "生物医药": "biomed", "口岸经济": "port"}


@dataclass
class F:
    type: str
    label: str
    scope: str = ""
    currency: str = ""


KEY_TOTAL = F("investment_amount", "合同投资额", "重点", "CNY")
MANUFACTURING = F("investment_amount", "制造业合同投资额", "制造业", "CNY")
CHAIN_COUNT = F("enterprise_count", "链条企业数", "生物医药")


@pytest.mark.parametrize(
    ("lineage", "expected"),
    [
        ([F("project_count", "重点产业项目数", "重点")], Comparison("metric", "key_signed_projects")),
        ([F("project_count", "签约项目数")], Comparison("metric", "signed_projects")),
        ([F("project_count", "项目数", "10亿元以上")], Comparison("metric", "projects_over_1b")),
        ([F("project_count", "开工项目数")], Comparison("metric", "started_projects")),
        ([KEY_TOTAL], Comparison("metric", "contract_investment", "key")),
        ([F("investment_amount", "协议投资额", "", "CNY")], Comparison("metric", "contract_investment")),
        ([MANUFACTURING, KEY_TOTAL], Comparison("metric", "manufacturing_contract_investment", "key")),
        (
            [F("share", "制造业合同投资额占比", "制造业"), MANUFACTURING, KEY_TOTAL],
            Comparison("metric", "manufacturing_share", "key"),
        ),
        (
            [F("completion_rate", "制造业市级任务目标完成率", "制造业"), MANUFACTURING],
            Comparison("completion", "manufacturing_contract_investment", level="municipal"),
        ),
        ([F("enterprise_count", "链条企业数", "智能网联新能源汽车")], Comparison("chain_firms", chain="nev")),
        ([F("enterprise_count", "生物医药企业数", "生物医药")], Comparison("chain_firms", chain="biomed")),
        ([F("enterprise_count", "汽车制造业规模企业数", "汽车制造业")], Comparison("division_above_scale")),
        (
            [F("enterprise_count", "规上企业数", "规上"), CHAIN_COUNT],
            Comparison("chain_above_scale", chain="biomed"),
        ),
        ([F("foreign_capital", "实际使用外资", "", "USD")], Comparison("metric", "foreign_capital")),
    ],
)
def test_a_fact_is_compared_with_its_ledger_figure(lineage, expected):
    assert comparison_for(lineage, CHAINS) == expected


@pytest.mark.parametrize(
    ("fact", "reason"),
    [
        (F("investment_amount", "总投资额", "", "CNY"), "不是合同投资额"),
        (F("investment_amount", "合同投资额", "外资", "CNY"), "口径“外资”"),
        (F("growth_rate", "合同投资额同比增长率"), "台账不记录"),
        (F("enterprise_count", "企业数", "数字经济"), "哪条产业链"),
        (F("completion_rate", "目标完成率"), "未说明"),
        (F("project_count", "工业项目数", "工业"), "没有对应的台账指标"),
    ],
)
def test_a_fact_without_a_ledger_counterpart_says_why(fact, reason):
    result = comparison_for([fact], CHAINS)
    assert isinstance(result, str) and reason in result
