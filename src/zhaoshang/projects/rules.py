"""The ledger's rules, written once: every door (the project form, the stage action, the API, the Excel
import) and every service asks them, and shows the same words.

Pure: the functions take the proposed values (a `Proposal`, built from a project, a form's data or an
imported row) and return the problems, each with the field it is about and a Chinese message; they run
no query. The model's CHECK constraints stay as the last line of defence.

A bare number in a money field is read in 万元 by every text door (the form, the stage form, the import
unless its column header names a unit); the API takes integer yuan (US dollars for foreign capital).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhaoshang.lib.amounts import MAX_AMOUNT_YUAN
from zhaoshang.projects import stages
from zhaoshang.projects.models import Stage

# The money fields of a project: label and currency word (the limit is the same number of yuan or dollars).
AMOUNT_FIELDS: dict[str, tuple[Promise, str]] = {
    "contract_investment": (gettext_lazy("合同投资额"), "元"),
    "fixed_asset_investment": (gettext_lazy("计划固定资产投资"), "元"),
    "foreign_capital_usd": (gettext_lazy("实际使用外资"), "美元"),
}


@dataclass(frozen=True)
class Problem:
    """One broken rule: the field it is about ("" for the record as a whole) and what to tell the user."""

    field: str
    message: str


@dataclass(frozen=True)
class Proposal:
    """The values a write proposes for a project (typed: dates, integer yuan, booleans)."""

    stage: str = stages.ORDER[0]
    dates: Mapping[str, date | None] = field(default_factory=dict)  # by stage: lead → lead_on's value …
    contract_investment: int | None = None
    fixed_asset_investment: int | None = None
    foreign_capital_usd: int | None = None
    termination_reason: str = ""
    is_confidential: bool = False
    code_name: str = ""
    manufacturing_override: bool | None = None
    manufacturing_override_reason: str = ""

    @classmethod
    def of(cls, source: Any, **overrides: Any) -> Proposal:
        """From a project (or anything with its attributes) or a mapping of field values, then `overrides`
        (field names of the project: `signed_on=…`, `stage=…`)."""
        values = dict(source) if isinstance(source, Mapping) else _attributes(source)
        values.update(overrides)
        dates = {s: values.get(f) for s, f in stages.DATE_FIELD.items()}
        plain = {f.name: values[f.name] for f in fields(cls) if f.name != "dates" and f.name in values}
        for name in ("termination_reason", "code_name", "manufacturing_override_reason"):
            plain[name] = plain.get(name) or ""
        return cls(dates=dates, **plain)


def _attributes(obj: Any) -> dict[str, Any]:
    names = [f.name for f in fields(Proposal) if f.name != "dates"] + list(stages.DATE_FIELD.values())
    return {name: getattr(obj, name) for name in names if hasattr(obj, name)}


def _label(stage: str) -> str:
    return str(Stage(stage).label)


def _date_label(stage: str) -> str:
    return _("%(stage)s日期") % {"stage": _label(stage)}


def amount_problem(name: str, label: Any, value: int | Decimal | None, unit: str = "元") -> Problem | None:
    """An amount outside 0 … MAX_AMOUNT_YUAN (10万亿元; in dollars the same number of 美元). Every money
    figure that is summed (project amounts, funds in place, money targets) keeps within it."""
    if value is None or 0 <= value <= MAX_AMOUNT_YUAN:
        return None
    if value < 0:
        return Problem(name, _("%(field)s不能为负数。") % {"field": label})
    return Problem(name, _("%(field)s不能超过%(limit)s。") % {"field": label, "limit": limit_text(unit)})


def limit_text(unit: str = "元") -> str:
    """The limit as people write it: 10万亿元 (or 10万亿美元)."""
    return _("%(n)d万亿%(unit)s") % {"n": MAX_AMOUNT_YUAN // 10**12, "unit": unit}


def _reached(p: Proposal) -> list[str]:
    """The stages whose dates must run in order: those passed through, and 终止 after all of them."""
    if p.stage == stages.TERMINATED:
        return [s for s in (*stages.ORDER, stages.TERMINATED) if p.dates.get(s)]
    return [s for s in stages.stages_through(p.stage) if p.dates.get(s)]


def check(p: Proposal, *, today: date) -> list[Problem]:
    """Every rule the proposed values break, at most one per field (the first found)."""
    found: list[Problem] = []
    if p.stage not in stages.DATE_FIELD:
        return [Problem("stage", _("未知的阶段“%(stage)s”。") % {"stage": p.stage})]
    if p.dates.get(p.stage) is None:
        found.append(
            Problem(
                stages.DATE_FIELD[p.stage],
                _("请填写当前阶段（%(stage)s）的日期。") % {"stage": _label(p.stage)},
            )
        )
    if p.stage in stages.SIGNED_OR_LATER:
        if p.dates.get("signed") is None:
            found.append(Problem("signed_on", _("签约及以后阶段的项目必须填写签约日期。")))
        if p.contract_investment is None:
            found.append(Problem("contract_investment", _("签约及以后阶段的项目必须填写合同投资额。")))
    if p.stage == stages.TERMINATED and not p.termination_reason.strip():
        found.append(Problem("termination_reason", _("终止的项目必须填写终止原因。")))
    reached = _reached(p)
    for stage in reached:
        day = p.dates[stage]
        if day is not None and day > today:
            found.append(
                Problem(stages.DATE_FIELD[stage], _("%(what)s不能晚于今天。") % {"what": _date_label(stage)})
            )
    for earlier, later in pairwise(reached):
        a, b = p.dates[earlier], p.dates[later]
        if a is not None and b is not None and b < a:
            found.append(
                Problem(
                    stages.DATE_FIELD[later],
                    _("%(later)s不能早于%(earlier)s。")
                    % {"later": _date_label(later), "earlier": _date_label(earlier)},
                )
            )
            break
    for name, (label, unit) in AMOUNT_FIELDS.items():
        if problem := amount_problem(name, label, getattr(p, name), unit):
            found.append(problem)
    if p.is_confidential and not p.code_name.strip():
        found.append(Problem("code_name", _("保密项目必须填写项目代号。")))
    if p.manufacturing_override is not None and not p.manufacturing_override_reason.strip():
        found.append(Problem("manufacturing_override_reason", _("人工认定是否制造业时必须填写理由。")))
    return first_per_field(found)


def first_per_field(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    kept = []
    for problem in problems:
        if problem.field not in seen:
            seen.add(problem.field)
            kept.append(problem)
    return kept


def entry_problems(stage: str) -> list[Problem]:
    """A project enters the ledger at a live stage, never terminated."""
    if stage == stages.TERMINATED:
        return [Problem("stage", _("新建项目不能直接处于终止阶段：请先录入项目，再终止。"))]
    return []


def move_problems(old_stage: str, new_stage: str, *, one_step: bool) -> list[Problem]:
    """A stage change: forward (one step for a stage action, any number for an import) or to 终止."""
    if old_stage == new_stage and not one_step:
        return []
    if old_stage == stages.TERMINATED:
        return [Problem("stage", _("项目已终止，不能再变更阶段。"))]
    if new_stage == stages.TERMINATED:
        return []
    if stages.ORDER.index(new_stage) < stages.ORDER.index(old_stage):
        return [Problem("stage", _("阶段不能倒退（当前为“%(old)s”）。") % {"old": _label(old_stage)})]
    if one_step and not stages.is_allowed(old_stage, new_stage):
        return [
            Problem(
                "stage",
                _("不允许从“%(a)s”变更为“%(b)s”。") % {"a": _label(old_stage), "b": _label(new_stage)},
            )
        ]
    return []
