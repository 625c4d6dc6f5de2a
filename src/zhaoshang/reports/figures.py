"""Gathering a briefing's figures from the ledger (metric registry), the targets (assessment) and the
chain maps, each with its source: the metric key, region, period, scope, the query and the ledger link.
The wording is lib/briefing.py's business; this module only reads.
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from zhaoshang.chains.models import Chain, MemberRole
from zhaoshang.chains.services import AUTO_DIVISION, above_scale_in_division, chain_map
from zhaoshang.industries.models import IndustryDirection
from zhaoshang.lib.briefing import Bar, BriefingFigures, ChainFigures, Figure, Source
from zhaoshang.lib.periods import Period
from zhaoshang.regions.models import Region
from zhaoshang.targets.cockpit import by_direction, ledger_link
from zhaoshang.targets.registry import METRICS, YI, evaluate
from zhaoshang.targets.services import assess_region

# The headline paragraph counts the key projects (重点产业项目), as the reference release does.
LEAD_SCOPE = "key"
LEAD_METRICS = [
    "key_signed_projects",
    "contract_investment",
    "manufacturing_contract_investment",
    "manufacturing_share",
]
COMPLETION_METRIC = "manufacturing_contract_investment"
NAMED_FIRMS = 2
SCOPE_NAMES = {"": "全部项目口径", "key": "重点项目口径", "manufacturing": "制造业项目口径"}


def _registry_source(key: str, region: Region, period: Period, scope: str) -> Source:
    query = f'targets.registry.evaluate("{region.code}", {period.code}, ["{key}"], scope="{scope}")'
    return Source(
        str(METRICS[key].label),
        key,
        region.code,
        period.code,
        scope,
        query,
        ledger_link(key, region.code, period, scope),
        region_name=region.name,
        scope_name=SCOPE_NAMES.get(scope, scope),
        # 重点项目口径 · 50个 says what was counted; an amount or a share names its metric
        counted="" if key == "key_signed_projects" else str(METRICS[key].label),
    )


def _chain_source(
    label: str, metric: str, region: Region, period: Period, chain: Chain, query: str, counted: str = ""
) -> Source:
    link = f"{reverse('chains:map', args=[chain.key])}?region={region.code}"
    return Source(
        label,
        metric,
        region.code,
        period.code,
        chain.key,
        query,
        link,
        origin="产业链图谱",
        region_name=region.name,
        scope_name="" if counted else f"{chain.name}产业链",
        counted=counted or label,
    )


def _name(enterprise) -> str:
    return enterprise.short_name or enterprise.name


def chain_figures(chain: Chain, region: Region, period: Period) -> ChainFigures | None:
    """A chain the region holds firms of, or None (a chain with no local firm is not featured)."""
    cmap = chain_map(chain, region)
    firms = cmap.firms
    if not firms:
        return None
    leaders = [_name(e) for e in cmap.leaders]
    members = {m.enterprise_id: m for s in cmap.segments for m in s.members}
    # Firms with a short name are the ones a reader knows (西南药业, 鼎晶生物); leaders are named apart.
    others = sorted(
        (e for e in firms if members[e.pk].role != MemberRole.LEADER and e.short_name),
        key=lambda e: (not e.is_above_scale, e.pk),
    )
    query = f'chains.services.chain_map(Chain("{chain.key}"), Region("{region.code}"))'
    count = Figure(
        len(firms),
        _chain_source("链条企业数", f"chain:{chain.key}:firms", region, period, chain, f"len({query}.firms)"),
    )
    if chain.key == "nev":  # the auto makers of GB/T division 36, as the district reports them
        above, label = above_scale_in_division(region), "汽车制造业规模企业"
        source = _chain_source(
            "汽车制造业规模企业数",
            f"division:{AUTO_DIVISION}:above_scale",
            region,
            period,
            chain,
            f'chains.services.above_scale_in_division(Region("{region.code}"), "{AUTO_DIVISION}")',
            counted="全区汽车制造业规模企业数",
        )
    else:
        above, label = cmap.above_scale, "规上企业"
        source = _chain_source(
            "规上企业数", f"chain:{chain.key}:above_scale", region, period, chain, f"{query}.above_scale"
        )
    return ChainFigures(
        key=chain.key,
        name=chain.name,
        leaders=tuple(leaders),
        named_firms=tuple(_name(e) for e in others[:NAMED_FIRMS]),
        firms=count,
        covered=tuple(s.segment.name for s in cmap.leaves if not s.is_gap),
        gaps=tuple(s.name for s in cmap.gaps),
        above_scale=Figure(above, source) if above else None,
        above_scale_label=label,
    )


def gather(region: Region, period: Period) -> BriefingFigures:
    """Everything a briefing of `region` for `period` says, read once from the ledger and the chain maps."""
    values = evaluate(region.code, period, LEAD_METRICS, scope=LEAD_SCOPE)

    def figure(key: str) -> Figure:
        return Figure(values[key] or 0, _registry_source(key, region, period, LEAD_SCOPE))

    assessment = assess_region(region.code, period)
    row = assessment.row(COMPLETION_METRIC)
    completion = None
    if row.result.completion is not None:
        ytd = period.year_to_date()
        query = (
            f'targets.services.assess_region("{region.code}", {period.code}).row("{COMPLETION_METRIC}")'
            f".completion = evaluate(ytd {ytd.code}) / target {int(row.result.target)}"
        )
        completion = Figure(
            row.result.completion,
            Source(
                "制造业合同投资额全年目标完成率",
                f"completion:{COMPLETION_METRIC}",
                region.code,
                ytd.code,
                "",
                query,
                ledger_link(COMPLETION_METRIC, region.code, ytd),
                origin="目标考核",
                region_name=region.name,
                counted="制造业合同投资额全年目标完成率",
            ),
        )
    share = values["manufacturing_share"]
    chains = [
        c for c in (chain_figures(chain, region, period) for chain in Chain.objects.order_by("order")) if c
    ]
    directions = (
        IndustryDirection.objects.filter(region=region).order_by("order").values_list("name", flat=True)
    )
    return BriefingFigures(
        region_code=region.code,
        region_name=region.name,
        period=period,
        directions=tuple(directions),
        key_projects=figure("key_signed_projects"),
        contract_investment=figure("contract_investment"),
        manufacturing_investment=figure("manufacturing_contract_investment"),
        manufacturing_share=figure("manufacturing_share") if share is not None else None,
        manufacturing_completion=completion,
        target_level=row.level,
        time_progress=row.result.time_progress,
        chains=tuple(chains),
        completions=tuple(
            Bar(str(r.metric.label), r.result.completion)
            for r in assessment.rows
            if r.result.completion is not None
        ),
        # cockpit.by_direction gives 亿元 to two places: back to yuan, exact at that precision.
        by_direction=tuple(
            Bar(d["name"], Decimal(str(d["yi"])) * YI) for d in by_direction(region.code, period)
        ),
    )
