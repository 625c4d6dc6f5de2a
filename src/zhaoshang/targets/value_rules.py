"""What a target's value may be for its metric's unit: the one rule that the target form, the Excel
import and the API apply; the database's CHECK constraints are only the last defence."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from zhaoshang.lib.amounts import MAX_AMOUNT_YUAN
from zhaoshang.projects.rules import amount_problem

MAX_COUNT = 10**9  # a billion projects: anything above is a typing slip
MAX_RATIO = Decimal(10)  # 1000 %; rates are kept as fractions


def value_problem(unit: str, value: Decimal) -> str | None:
    """Why `value` (in the metric's base unit: yuan, dollars, a count or a fraction) cannot be a target."""
    if unit in ("yuan", "usd"):
        problem = amount_problem("value", _("目标值"), value, "元" if unit == "yuan" else "美元")
        return problem.message if problem else None
    if value < 0:
        return _("目标值不能为负数。")
    if unit == "ratio":
        return _("比率目标不能超过1000%。") if value > MAX_RATIO else None
    if value != value.to_integral_value():
        return _("个数目标应为非负整数。")
    return _("个数目标不能超过10亿个。") if value > MAX_COUNT else None


# The largest value any unit allows, for the database constraint and the API schema's bound.
MAX_TARGET_VALUE = MAX_AMOUNT_YUAN
