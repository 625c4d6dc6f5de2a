"""Plausible, clearly synthetic ledgers for every Chongqing district (and Shapingba outside 2022-H1)."""

from __future__ import annotations

from datetime import date

from simple_history.utils import bulk_create_with_history

from zhaoshang.demo.context import WAN, DemoContext, advance
from zhaoshang.demo.names import project_name
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.industries.models import IndustryDirection
from zhaoshang.projects.models import Origin, Project, Stage
from zhaoshang.regions.models import Region

DIRECTION_POOL = [
    "先进制造",
    "数字经济",
    "现代服务",
    "文化旅游",
    "商贸物流",
    "新材料",
    "生物医药",
    "现代农业",
    "绿色能源",
    "康养产业",
]
MANUFACTURING_CLASSES = [
    "3670",
    "3612",
    "3841",
    "3812",
    "3962",
    "3973",
    "2720",
    "3589",
    "3399",
    "4011",
    "3990",
]
OTHER_CLASSES = {
    "数字经济": "6513",
    "现代服务": "7212",
    "文化旅游": "7869",
    "商贸物流": "5990",
    "现代农业": "0111",
    "康养产业": "8514",
    "绿色能源": "4415",
}
HALVES = [
    (date(2021, 1, 1), date(2021, 6, 30)),
    (date(2021, 7, 1), date(2021, 12, 31)),
    (date(2022, 1, 1), date(2022, 6, 30)),
    (date(2022, 7, 1), date(2022, 12, 31)),
]


def district_directions(ctx: DemoContext, region: Region) -> list[IndustryDirection]:
    names = ["先进制造", *ctx.rng.sample(DIRECTION_POOL[1:], ctx.rng.randint(3, 5))]
    return [IndustryDirection.objects.create(region=region, name=n, order=i) for i, n in enumerate(names)]


def build_half(
    ctx: DemoContext,
    region: Region,
    directions: list[IndustryDirection],
    half: tuple[date, date],
    size: float,
    amount_scale: float = 1.0,
) -> dict[str, int]:
    """One half-year of signed projects for a district, plus a few in the pipeline; returns its totals."""
    count = max(3, round(size * ctx.rng.uniform(12, 30)))
    plans = []
    for _ in range(count):
        manufacturing = ctx.rng.random() < 0.42
        direction = directions[0] if manufacturing else ctx.rng.choice(directions[1:] or directions)
        industry = (
            ctx.rng.choice(MANUFACTURING_CLASSES)
            if manufacturing
            else OTHER_CLASSES.get(direction.name, "7299")
        )
        amount = min(
            1_500_000, max(1_000, round(amount_scale * ctx.rng.lognormvariate(9.9, 1.0) / 100) * 100)
        )
        plans.append((direction, industry, amount))
    firms = bulk_create_with_history(
        [
            Enterprise(
                name=ctx.names.firm("科技" if p[1] >= "5" else "制造"),
                region=region,
                industry=ctx.industries[p[1]],
                is_synthetic=True,
                is_above_scale=ctx.rng.random() < 0.3,
                registered_capital=ctx.rng.randint(1, 300) * 100 * WAN,
            )
            for p in plans
        ],
        Enterprise,
        batch_size=500,
        default_change_reason="演示数据",
    )
    totals = {"signed_projects": 0, "contract_investment": 0, "manufacturing_contract_investment": 0}
    for (direction, industry, amount), firm in zip(plans, firms, strict=True):
        signed = ctx.day_in(*half)
        foreign = ctx.rng.random() < 0.08
        project = Project(
            name=project_name(firm, "项目"),
            region=region,
            direction=direction,
            industry=ctx.industries[industry],
            is_key=amount >= 10_000 or ctx.rng.random() < 0.3,
            contract_investment=amount * WAN,
            fixed_asset_investment=amount * WAN * ctx.rng.randint(40, 90) // 100,
            origin=Origin.FOREIGN if foreign else Origin.DOMESTIC,
            origin_country="新加坡" if foreign else "",
            foreign_capital_usd=amount * WAN // 7 // 3 if foreign else None,
            lead_on=ctx.after(signed, -160, -70, signed),
            signed_on=signed,
        )
        project.negotiating_on = ctx.after(project.lead_on, 10, 60, signed) or signed
        advance(ctx, project, signed)
        ctx.writer.add(project, [firm])
        totals["signed_projects"] += 1
        totals["contract_investment"] += amount * WAN
        if industry in MANUFACTURING_CLASSES:
            totals["manufacturing_contract_investment"] += amount * WAN
    _pipeline(ctx, region, directions, half)
    return totals


def _pipeline(ctx: DemoContext, region: Region, directions: list[IndustryDirection], half) -> None:
    """Leads and negotiations that have not (yet) signed: the ledger holds them too."""
    for _ in range(ctx.rng.randint(1, 4)):
        firm = Enterprise.objects.create(name=ctx.names.firm("实业"), region=region, is_synthetic=True)
        lead = ctx.day_in(*half)
        negotiating = ctx.after(lead, 10, 90, half[1]) if ctx.rng.random() < 0.5 else None
        ctx.writer.add(
            Project(
                name=project_name(firm, "意向项目"),
                region=region,
                direction=ctx.rng.choice(directions),
                stage=Stage.NEGOTIATING if negotiating else Stage.LEAD,
                lead_on=lead,
                negotiating_on=negotiating,
            ),
            [firm],
        )
