"""The deterministic demo (演示数据): the Shapingba reference case plus synthetic Chongqing districts.

`load_demo(seed)` gives the same database content every time it runs with the same seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from django.db import connection, transaction

from zhaoshang.accounts.models import Role, User
from zhaoshang.chains.models import ChainMember
from zhaoshang.chains.services import sync_chain_definitions
from zhaoshang.core.models import SiteFlag
from zhaoshang.demo import districts, shapingba
from zhaoshang.demo import units as demo_units
from zhaoshang.demo.context import DemoContext
from zhaoshang.demo.names import NameMaker
from zhaoshang.demo.writer import LedgerWriter
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.industries.models import IndustryCode, IndustryDirection
from zhaoshang.industries.services import load_industry_codes
from zhaoshang.leads.models import Lead, Visit
from zhaoshang.projects.models import FundsInPlace, Project, StageEvent
from zhaoshang.regions.models import Park, Region
from zhaoshang.regions.services import load_divisions
from zhaoshang.targets.models import Target, TargetLevel

DEFAULT_SEED = 20220804
CITY = "500000"
DEMO_PASSWORD = "zhaoshang-demo"
SHAPINGBA_MANUFACTURING_TARGET = 11_200_000_000


class DemoRefused(RuntimeError):
    """The database holds real (non-demo) data: loading the demo would mix the two."""


def has_real_data() -> bool:
    return (
        Project.all_objects.filter(is_synthetic=False).exists()
        or Enterprise.objects.filter(is_synthetic=False).exists()
    )


def wipe_demo() -> None:
    """Remove everything a previous demo wrote (the database holds nothing else).

    Raw table deletes, children first: the ORM's delete would write a history row per deleted object.
    """
    models = [
        Visit,
        Lead.history.model,
        Lead,
        StageEvent,
        FundsInPlace,
        Project.segments.through,
        Project.investors.through,
        Project.history.model,
        Project,
        ChainMember.history.model,
        ChainMember,
        Enterprise.history.model,
        Enterprise,
        Target.history.model,
        Target,
        IndustryDirection,
        Park,
    ]
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    demo_units.wipe()


@transaction.atomic
def load_demo(
    seed: int = DEFAULT_SEED, *, force: bool = False, progress: Callable[[str], None] = print
) -> dict:
    if has_real_data() and not force:
        raise DemoRefused("数据库中已有正式（非演示）数据，未载入演示数据。如确需覆盖，请加 --force。")
    progress("载入行政区划与行业分类…")
    load_divisions()
    load_industry_codes()
    progress("清除旧的演示数据…")
    wipe_demo()
    sync_chain_definitions()
    rng = random.Random(seed)
    ctx = DemoContext(
        rng=rng,
        names=NameMaker(rng),
        writer=LedgerWriter(),
        industries={c.code: c for c in IndustryCode.objects.filter(level="class")},
        segments={(s.chain.key, s.name): s for s in _segments()},
        regions={r.code: r for r in Region.objects.filter(code__startswith="50")}
        | {
            r.code: r
            for r in Region.objects.filter(code__in=[c[5] for c in shapingba.REAL_FIRMS.values() if c[5]])
        },
    )
    progress("沙坪坝区参考案例…")
    shapingba.build(ctx)
    spb = ctx.regions[shapingba.CODE]
    spb_directions = list(spb.directions.order_by("order"))
    totals: dict[tuple[str, int], dict[str, int]] = {}
    for half in (districts.HALVES[0], districts.HALVES[1], districts.HALVES[3]):
        _add(
            totals,
            (spb.code, half[0].year),
            districts.build_half(ctx, spb, spb_directions, half, 1.6, amount_scale=2.5),
        )
    progress("其余 37 个区县（模拟）…")
    others = [r for r in Region.objects.children_of(CITY).order_by("code") if r.code != shapingba.CODE]
    for region in others:
        size = rng.uniform(0.4, 1.8)
        directions = districts.district_directions(ctx, region)
        for half in districts.HALVES:
            _add(
                totals, (region.code, half[0].year), districts.build_half(ctx, region, directions, half, size)
            )
    progress("写入项目台账…")
    written = ctx.writer.write()
    _targets(ctx, totals, others)
    _users(ctx)
    demo_units.build(ctx.regions[shapingba.CODE], DEMO_PASSWORD)
    shapingba.leads(ctx)
    shapingba.confidential(ctx)
    SiteFlag.objects.update_or_create(key="demo_loaded", defaults={"value": str(seed)})
    summary = {
        "projects": written,
        "enterprises": Enterprise.objects.count(),
        "targets": Target.objects.count(),
    }
    progress(
        f"演示数据已载入：项目 {summary['projects']} 个，企业 {summary['enterprises']} 家，"
        f"目标 {summary['targets']} 条。"
    )
    return summary


def _segments():
    from zhaoshang.chains.models import Segment

    return Segment.objects.select_related("chain").prefetch_related("children")


def _add(totals: dict, key: tuple[str, int], half: dict[str, int]) -> None:
    bucket = totals.setdefault(key, dict.fromkeys(half, 0))
    for metric, value in half.items():
        bucket[metric] += value


def _targets(ctx: DemoContext, totals: dict, others: list[Region]) -> None:
    """2022 targets: the municipal tasks grow on 2021; Shapingba's manufacturing task is the article's."""
    rows = []
    spb = ctx.regions[shapingba.CODE]
    rows.append(
        Target(
            region=spb,
            year=2022,
            metric="manufacturing_contract_investment",
            level=TargetLevel.MUNICIPAL,
            value=Decimal(SHAPINGBA_MANUFACTURING_TARGET),
        )
    )
    rows.append(
        Target(
            region=spb, year=2022, metric="signed_projects", level=TargetLevel.MUNICIPAL, value=Decimal(90)
        )
    )
    rows.append(
        Target(
            region=spb,
            year=2022,
            metric="contract_investment",
            level=TargetLevel.MUNICIPAL,
            value=Decimal(500 * 100_000_000),
        )
    )
    for region in others:
        base = totals[(region.code, 2021)]
        growth = Decimal(ctx.rng.randint(105, 125)) / 100
        for metric, value in base.items():
            unit = 1 if metric == "signed_projects" else 100_000_000
            target = (Decimal(value) * growth / unit).quantize(Decimal(1)) * unit
            rows.append(
                Target(region=region, year=2022, metric=metric, level=TargetLevel.MUNICIPAL, value=target)
            )
    Target.objects.bulk_create(rows)


DEMO_USERNAMES = ("admin", "spb_admin", "spb_officer", "spb_leader", "spb_fgw")


def _users(ctx: DemoContext) -> None:
    spb = ctx.regions[shapingba.CODE]
    people = [
        ("admin", "市级管理员（演示）", Role.CITY_ADMIN, ctx.regions[CITY], True),
        ("spb_admin", "沙坪坝区管理员（演示）", Role.DISTRICT_ADMIN, spb, False),
        ("spb_officer", "沙坪坝区招商专员（演示）", Role.OFFICER, spb, False),
        ("spb_leader", "沙坪坝区领导（演示）", Role.LEADER, spb, False),
    ]
    for username, name, role, region, superuser in people:
        user, _created = User.objects.get_or_create(username=username)
        user.first_name, user.role, user.region = name, role, region
        user.is_staff = user.is_superuser = superuser
        user.set_password(DEMO_PASSWORD)
        user.save()
