"""The fact check: every accepted fact with a ledger counterpart is compared, live, with the ledger's
value, within the tolerance its wording implies (lib.amounts.admitted_range of the figure as written:
超320亿元 admits 320亿–336亿, 近40% admits 37.5%–40%, 109% admits 108.5%–109.5%).

Nothing is stored: a check is computed when it is shown, so a change in the ledger (a project's amount,
a target, a chain member) shows at once in every document that makes a claim about it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zhaoshang.accounts.scoping import reach_of
from zhaoshang.chains.models import Chain
from zhaoshang.chains.services import AUTO_DIVISION, above_scale_in_division, chain_map
from zhaoshang.intake.gazetteer import chain_names
from zhaoshang.intake.mapping import Comparison, comparison_for
from zhaoshang.intake.models import Fact, FactStatus
from zhaoshang.lib.amounts import (
    QuantityParseError,
    admitted_range,
    format_amount,
    format_percent,
    parse_quantity,
)
from zhaoshang.lib.assessment import assess
from zhaoshang.lib.periods import Period, PeriodParseError, parse_period
from zhaoshang.regions.models import Region
from zhaoshang.targets.cockpit import ledger_link
from zhaoshang.targets.models import Target
from zhaoshang.targets.registry import METRICS, evaluate
from zhaoshang.targets.services import targets_for

CONSISTENT, INCONSISTENT, NOT_COMPARABLE = "consistent", "inconsistent", "not_comparable"
SYMBOLS = {CONSISTENT: "✓", INCONSISTENT: "✗", NOT_COMPARABLE: "—"}


@dataclass(frozen=True)
class Check:
    """One fact against the ledger: both numbers, the verdict and where the ledger number comes from."""

    verdict: str
    claimed: str
    admitted: tuple[Decimal, Decimal] | None = None
    ledger_value: int | Decimal | None = None
    ledger_text: str = ""
    metric: str = ""
    link: str = ""
    note: str = ""
    admitted_text: str = ""  # the admitted range, written: 320亿元–336亿元

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.verdict]


def _admitted(fact: Fact) -> tuple[Decimal, Decimal]:
    try:
        return admitted_range(parse_quantity(fact.text))
    except QuantityParseError:  # a range as written ("10-20亿元") admits its two ends
        return fact.value, fact.range_high if fact.range_high is not None else fact.value


def _lineage(fact: Fact, facts: dict[int, Fact]) -> list[Fact]:
    lineage, seen, current = [fact], {fact.pk}, fact
    while current.parent_id and current.parent_id not in seen and current.parent_id in facts:
        current = facts[current.parent_id]
        seen.add(current.pk)
        lineage.append(current)
    if fact.base_id and fact.base_id in facts and fact.base_id not in seen:
        lineage.append(facts[fact.base_id])
    return lineage


def _write(value: int | Decimal, unit: str, fact: Fact) -> str:
    if unit in ("yuan", "usd"):
        return format_amount(value, style="exact", currency="USD" if unit == "usd" else "CNY")
    if unit == "ratio":
        return format_percent(value, places=1)
    return f"{int(value)}{fact.unit_text if fact.unit_text in ('个', '家', '项') else ''}"


def _metric(c: Comparison, region: Region, period: Period) -> tuple[int | Decimal | None, str, str]:
    value = evaluate(region.code, period, [c.metric], scope=c.scope)[c.metric]
    return value, METRICS[c.metric].unit, ledger_link(c.metric, region.code, period, c.scope)


def _completion(c: Comparison, region: Region, period: Period) -> tuple[Decimal | None, str, str]:
    ytd = period.year_to_date()
    if c.level:
        target = (
            Target.objects.filter(region=region, year=period.year, metric=c.metric, scope="", level=c.level)
            .values_list("value", flat=True)
            .first()
        )
    else:
        target = targets_for(region.code, period.year).get(c.metric, ("", None))[1]
    if target is None:
        return None, "ratio", ""
    actual = evaluate(region.code, ytd, [c.metric])[c.metric] or 0
    result = assess(
        actual=actual,
        target=target,
        time_progress=ytd.time_progress(),
        period_end=ytd.end,
        year_end=period.year_period().end,
    )
    return result.completion, "ratio", ledger_link(c.metric, region.code, ytd)


def _chain_figure(c: Comparison, region: Region) -> tuple[int, str, str]:
    # The auto makers of division 36 are shown on the NEV chain map beside its members.
    link = f"{reverse('chains:map', args=[c.chain or 'nev'])}?region={region.code}"
    if c.kind == "division_above_scale":
        return above_scale_in_division(region), "count", link
    cmap = chain_map(Chain.objects.get(key=c.chain), region)
    return (len(cmap.firms) if c.kind == "chain_firms" else cmap.above_scale), "count", link


def check_fact(fact: Fact, facts: dict[int, Fact], chains: dict[str, str]) -> Check:
    """Compare one accepted fact with the ledger (see the module docstring)."""
    if fact.single_event:
        # 本次签约项目33个 counts one ceremony, not a period: comparing it with the ledger's period
        # total would call a true figure wrong.
        return Check(NOT_COMPARABLE, fact.text, note=_("单次活动数字，不与期间合计比较"))
    comparison = comparison_for(_lineage(fact, facts), chains)
    if isinstance(comparison, str):
        return Check(NOT_COMPARABLE, fact.text, note=comparison)
    region = Region.objects.filter(code=fact.region_code).first() if fact.region_code else None
    if region is None:
        return Check(NOT_COMPARABLE, fact.text, note=_("未确定区划"))
    label = comparison.metric or {
        "chain_firms": f"chain:{comparison.chain}:firms",
        "chain_above_scale": f"chain:{comparison.chain}:above_scale",
    }.get(comparison.kind, f"division:{AUTO_DIVISION}:above_scale")
    if comparison.kind in ("metric", "completion"):
        try:
            period = parse_period(fact.period)
        except PeriodParseError:
            return Check(NOT_COMPARABLE, fact.text, metric=label, note=_("未确定期间"))
        compute = _metric if comparison.kind == "metric" else _completion
        value, unit, link = compute(comparison, region, period)
        note = _("对全年目标的完成率（累计至期末）") if comparison.kind == "completion" else ""
    else:
        value, unit, link = _chain_figure(comparison, region)
        note = _("产业链图谱现状（与期间无关）")
    if value is None:
        return Check(NOT_COMPARABLE, fact.text, metric=label, link=link, note=note or _("台账无此数"))
    low, high = _admitted(fact)
    verdict = CONSISTENT if low <= Decimal(value) <= high else INCONSISTENT
    admitted = (
        _write(low, unit, fact) if low == high else f"{_write(low, unit, fact)}–{_write(high, unit, fact)}"
    )
    return Check(
        verdict, fact.text, (low, high), value, _write(value, unit, fact), label, link, note, admitted
    )


def check_facts(facts: Iterable[Fact], *, user: Any = None) -> dict[int, Check]:
    """Checks of the accepted facts among `facts` (of one document), by fact id.

    With a `user` (every page and API call), a fact about a region outside the user's reach is not
    checked: the ledger's figures of another district are not shown, whatever a document claims.
    """
    facts = {f.pk: f for f in facts}
    chains = chain_names()
    reach = reach_of(user) if user is not None else None
    out = {}
    for pk, fact in facts.items():
        if fact.status != FactStatus.ACCEPTED:
            continue
        if reach is not None and fact.region_code and not reach.covers(fact.region_code):
            out[pk] = Check(NOT_COMPARABLE, fact.text, note=_("区划不在您的管辖范围内，不核对"))
        else:
            out[pk] = check_fact(fact, facts, chains)
    return out


def check_document(document) -> dict[int, Check]:
    return check_facts(document.facts.all())
