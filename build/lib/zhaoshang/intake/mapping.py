"""Which ledger figure a fact claims (no Django): fact type, label and scope → a registry metric, the
completion of a metric against its annual target, or a chain-map count.

    重点产业项目数                      key_signed_projects
    签约项目数 / 项目数 / 引进项目数     signed_projects (制造业 → manufacturing_signed_projects)
    亿元以上 / 10亿元以上 / 50亿元以上项目数   projects_over_100m / _1b / _5b
    开工项目数 / 投产项目数             started_projects / in_production_projects
    合同投资额 / 协议投资额 / 签约投资额   contract_investment (制造业 → manufacturing_contract_investment)
    制造业…占比                         manufacturing_share
    制造业…目标完成率                   completion of manufacturing_contract_investment (市级 / 区级)
    实际使用外资 (美元)                  foreign_capital
    <chain>企业数, 链条企业数            the chain map's local firms (chain named by the scope)
    汽车制造业规模企业数                 above-scale makers of GB/T division 36
    规上企业数 under a chain count       the chain map's above-scale firms
A fact inherits the scope of what it is part of: "合同投资额(重点)… 其中制造业合同投资额" is the
manufacturing part of the key projects. Anything else is "not comparable", with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol


class FactLike(Protocol):
    type: str
    label: str
    scope: str
    currency: str


@dataclass(frozen=True)
class Comparison:
    kind: str  # "metric" | "completion" | "chain_firms" | "chain_above_scale" | "division_above_scale"
    metric: str = ""  # registry key (metric, completion)
    scope: str = ""  # registry scope ("key" or "")
    chain: str = ""  # chain key
    level: str = ""  # target level a completion names ("municipal", "district" or "" for either)


KEY_WORD = "重点"
MANUFACTURING = "制造业"
SIZE_SCOPES = {
    "亿元以上": "projects_over_100m",
    "超亿元": "projects_over_100m",
    "10亿元以上": "projects_over_1b",
    "50亿元以上": "projects_over_5b",
    "20亿元以上": "band_over_20",
}
CONTRACT_LABELS = ("合同投资额", "协议投资额", "签约投资额")
GENERIC_PROJECT_LABELS = {
    "项目数",
    "签约项目数",
    "新签约项目数",
    "引进项目数",
    "落地项目数",
    "招引项目数",
    "签约落地项目数",
}


def _is_key(facts: Sequence[FactLike]) -> bool:
    return any(KEY_WORD in (f.scope or "") or KEY_WORD in f.label for f in facts)


def _is_manufacturing(f: FactLike) -> bool:
    # 汽车制造业 is an industry of enterprises, not the manufacturing scope of projects.
    return (f.scope or "") == MANUFACTURING or f.label.startswith(MANUFACTURING)


def _chain_of(scope: str, chains: Mapping[str, str]) -> str:
    if not scope:
        return ""
    for name, key in chains.items():
        if scope == name or (len(scope) >= 4 and (scope in name or name in scope)):
            return key
    return ""


def _projects(f: FactLike, lineage: Sequence[FactLike]) -> Comparison | str:
    scope = f.scope or ""
    key = _is_key(lineage)
    if "开工" in f.label:
        return Comparison("metric", "started_projects")
    if "投产" in f.label:
        return Comparison("metric", "in_production_projects")
    if scope in SIZE_SCOPES:
        return Comparison("metric", SIZE_SCOPES[scope], "key" if key else "")
    if _is_manufacturing(f):
        return Comparison("metric", "manufacturing_signed_projects", "key" if key else "")
    if key:
        return Comparison("metric", "key_signed_projects")
    if f.label in GENERIC_PROJECT_LABELS and not scope:
        return Comparison("metric", "signed_projects")
    return f"“{f.label}”{f'（口径：{scope}）' if scope else ''}没有对应的台账指标"


def _amount(f: FactLike, lineage: Sequence[FactLike]) -> Comparison | str:
    if not f.label.endswith(CONTRACT_LABELS):
        return f"“{f.label}”不是合同投资额，台账不记录"
    scope = "key" if _is_key(lineage) else ""
    if _is_manufacturing(f):
        return Comparison("metric", "manufacturing_contract_investment", scope)
    if f.scope and KEY_WORD not in f.scope:
        return f"口径“{f.scope}”没有对应的台账指标"
    return Comparison("metric", "contract_investment", scope)


def _completion(f: FactLike) -> Comparison | str:
    level = "municipal" if "市级" in f.label else "district" if "区级" in f.label else ""
    if _is_manufacturing(f):
        return Comparison("completion", "manufacturing_contract_investment", level=level)
    if "合同投资" in f.label:
        return Comparison("completion", "contract_investment", level=level)
    return f"“{f.label}”未说明是哪项指标的目标"


def _enterprises(f: FactLike, lineage: Sequence[FactLike], chains: Mapping[str, str]) -> Comparison | str:
    text = f"{f.label}{f.scope or ''}"
    if "规模" in text or "规上" in text:
        if "汽车" in text:
            return Comparison("division_above_scale")
        for ancestor in lineage[1:]:
            if chain := _chain_of(ancestor.scope or "", chains):
                return Comparison("chain_above_scale", chain=chain)
        return "未说明是哪条产业链或哪个行业的规上企业"
    for fact in lineage:
        if chain := _chain_of(fact.scope or "", chains):
            return Comparison("chain_firms", chain=chain)
    return "未说明是哪条产业链的企业"


def comparison_for(lineage: Sequence[FactLike], chains: Mapping[str, str]) -> Comparison | str:
    """What `lineage[0]` claims, read with its ancestors (parent, its parent …, then the base).

    Returns a Comparison, or the reason (Chinese) why the fact has no ledger counterpart.
    """
    f = lineage[0]
    match f.type:
        case "project_count":
            return _projects(f, lineage)
        case "investment_amount":
            return _amount(f, lineage)
        case "share":
            if MANUFACTURING in f.label or _is_manufacturing(f):
                return Comparison("metric", "manufacturing_share", "key" if _is_key(lineage) else "")
            return "只能核对制造业合同投资额占比"
        case "completion_rate":
            return _completion(f)
        case "enterprise_count":
            return _enterprises(f, lineage, chains)
        case "foreign_capital":
            if f.label == "实际使用外资" and f.currency == "USD":
                return Comparison("metric", "foreign_capital")
            return "只能核对以美元计的实际使用外资"
    return "此类数字（增长率、面积、目标值等）台账不记录"
