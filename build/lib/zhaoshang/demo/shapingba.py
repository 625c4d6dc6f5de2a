"""The reference case: 沙坪坝区 as the 2022-08-04 press release describes it (DESIGN.md).

Reproduced exactly: 50 key projects signed in 2022-H1 with contract investment 320.5亿元 (超320亿元),
of which manufacturing 122亿元 (38.1%, 近40%); the municipal manufacturing target of 112亿元 (109%);
six directions; the NEV chain of 26 local firms led by 赛力斯 with gaps at 增程式动力总成, 车载操作系统,
车载地图, 车联网; 42 above-scale auto makers; 12 biomedicine firms led by 阿斯利康 and 罗氏诊断; the two
platforms. Every other figure is invented and every invented firm is marked （模拟）.
"""

from __future__ import annotations

from datetime import date

from zhaoshang.chains.models import ChainMember, MemberRole
from zhaoshang.demo.context import WAN, DemoContext, advance
from zhaoshang.demo.names import project_name
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.industries.models import IndustryDirection
from zhaoshang.projects.models import Project, Stage
from zhaoshang.regions.models import Park, ParkKind

CODE = "500106"
DIRECTIONS = ["先进制造", "口岸经济", "设计产业", "数字经济", "文化旅游", "现代服务"]
NEV_GAPS = ["增程式动力总成", "车载操作系统", "车载地图", "车联网"]
# The segments the article names for the 26 chain firms (电池 is the chain file's 动力电池).
NEV_COVERED = ["动力电池", "电机", "电控", "一体化压铸", "智能座舱", "热管理"]
H1 = (date(2022, 1, 1), date(2022, 6, 30))

# (name, short name, former names, aliases, industry class, region code)
REAL_FIRMS = {
    "seres": (
        "赛力斯集团股份有限公司",
        "赛力斯",
        ["小康集团", "重庆小康工业集团股份有限公司"],
        ["赛力斯集团", "小康"],
        "3612",
        CODE,
    ),
    "tuopu": ("宁波拓普集团股份有限公司", "宁波拓普", [], ["拓普", "拓普集团"], "3670", "330206"),
    "astrazeneca": ("阿斯利康", "阿斯利康", [], [], "2720", None),
    "roche": ("罗氏诊断", "罗氏诊断", [], [], "3581", None),
    "southwest": ("西南药业股份有限公司", "西南药业", [], [], "2720", CODE),
    "dingjing": ("鼎晶生物", "鼎晶生物", [], [], "2761", CODE),
    "huawei": ("华为技术有限公司", "华为", [], [], "3921", "440307"),
}
# GB/T classes of the synthetic NEV firms, by segment.
NEV_CLASSES = {
    "动力电池": "3841",
    "电机": "3812",
    "电控": "3824",
    "一体化压铸": "3392",
    "智能座舱": "3962",
    "热管理": "3670",
    "整车": "3612",
    "车身/底盘轻量化": "3660",
}


def build(ctx: DemoContext) -> dict[str, Enterprise]:
    region = ctx.regions[CODE]
    directions = {
        name: IndustryDirection.objects.create(region=region, name=name, order=i)
        for i, name in enumerate(DIRECTIONS)
    }
    parks = {
        "logistics": Park.objects.create(region=region, name="国际物流城", kind=ParkKind.PARK),
        "tcm": Park.objects.create(region=region, name="国药·中医药健康生态产业园", kind=ParkKind.PARK),
        "organ": Park.objects.create(region=region, name="器官智能生物制造工程中心", kind=ParkKind.PLATFORM),
    }
    real = _real_firms(ctx)
    nev_firms = _nev_chain(ctx, real)
    _auto_makers(ctx, nev_firms)
    bio_firms = _biomed_chain(ctx, real)
    _h1_projects(ctx, directions, parks, real, nev_firms, bio_firms)
    return real


def _firm(
    ctx: DemoContext,
    name: str,
    industry: str,
    *,
    above_scale: bool,
    short: str = "",
    region_code: str = CODE,
    **extra,
) -> Enterprise:
    firm = Enterprise.objects.create(
        name=name,
        short_name=short,
        region=ctx.regions.get(region_code),
        industry=ctx.industries[industry],
        is_above_scale=above_scale,
        is_synthetic=True,
        registered_capital=ctx.rng.randint(5, 500) * 100 * WAN,
        **extra,
    )
    ctx.enterprises.append(firm)
    return firm


def _real_firms(ctx: DemoContext) -> dict[str, Enterprise]:
    firms = {}
    for key, (name, short, former, aliases, industry, code) in REAL_FIRMS.items():
        firms[key] = _firm(
            ctx,
            name,
            industry,
            above_scale=code == CODE,
            short=short,
            region_code=code,
            former_names=former,
            aliases=aliases,
        )
    return firms


def _member(ctx: DemoContext, chain: str, segment: str, firm: Enterprise, role: str = MemberRole.SUPPLIER):
    ChainMember.objects.create(
        segment=ctx.segment(chain, segment),
        enterprise=firm,
        region=ctx.regions[CODE],
        role=role,
        is_local=True,
    )


def _nev_chain(ctx: DemoContext, real: dict[str, Enterprise]) -> list[Enterprise]:
    """26 local chain firms: 赛力斯 (链主), 宁波拓普 and 24 synthetic suppliers; gaps stay empty."""
    _member(ctx, "nev", "整车", real["seres"], MemberRole.LEADER)
    _member(ctx, "nev", "车身/底盘轻量化", real["tuopu"])
    segments = [
        s.name for (chain, _n), s in ctx.segments.items() if chain == "nev" and s.children.count() == 0
    ]
    others = [s for s in segments if s not in NEV_GAPS and s not in ("整车", "车身/底盘轻量化")]
    # The article's six segments first, then any further non-gap segment of the chain file.
    ordered = NEV_COVERED + [s for s in others if s not in NEV_COVERED]
    firms = [real["seres"], real["tuopu"]]
    for i in range(24):
        segment = ordered[i % len(ordered)]
        trade = {
            "动力电池": "电池",
            "电机": "电驱",
            "电控": "电控",
            "一体化压铸": "压铸",
            "智能座舱": "座舱电子",
            "热管理": "热管理",
        }.get(segment, "汽车配件")
        firm = _firm(ctx, ctx.names.firm(trade), NEV_CLASSES.get(segment, "3670"), above_scale=i < 16)
        _member(ctx, "nev", segment, firm)
        firms.append(firm)
    return firms


def _auto_makers(ctx: DemoContext, nev_firms: list[Enterprise]) -> None:
    """Top up the district's above-scale auto makers (GB/T division 36) to the article's 42."""
    counted = sum(1 for f in nev_firms if f.is_above_scale and f.industry.code.startswith("36"))
    for _i in range(42 - counted):
        _firm(ctx, ctx.names.firm("汽车零部件"), "3670", above_scale=True)
    for _i in range(8):  # below scale: present, not counted
        _firm(ctx, ctx.names.firm("汽配"), "3670", above_scale=False)


def _biomed_chain(ctx: DemoContext, real: dict[str, Enterprise]) -> list[Enterprise]:
    """12 biomedicine firms: leaders 阿斯利康 and 罗氏诊断, 西南药业, 鼎晶生物 and 8 synthetic ones."""
    _member(ctx, "biomed", "化学药", real["astrazeneca"], MemberRole.LEADER)
    _member(ctx, "biomed", "体外诊断", real["roche"], MemberRole.LEADER)
    _member(ctx, "biomed", "化学药", real["southwest"])
    _member(ctx, "biomed", "生物制品", real["dingjing"])
    firms = [real["astrazeneca"], real["roche"], real["southwest"], real["dingjing"]]
    plan = ["体外诊断", "体外诊断", "体外诊断", "医疗器械", "医疗器械", "医疗器械", "中药", "医疗器械"]
    classes = {"体外诊断": "2761", "医疗器械": "3589", "中药": "2740"}
    for segment in plan:
        firm = _firm(ctx, ctx.names.firm("生物医药"), classes[segment], above_scale=ctx.rng.random() < 0.5)
        _member(ctx, "biomed", segment, firm)
        firms.append(firm)
    return firms


def _h1_projects(ctx, directions, parks, real, nev_firms, bio_firms) -> None:
    """50 key projects signed in 2022-H1: 18 manufacturing (122亿元) and 32 others (198.5亿元)."""
    manufacturing = ctx.partition(1_220_000, 18, minimum_wan=15_000)
    others = ctx.partition(1_985_000, 32, minimum_wan=8_000)
    nev_segments = [("nev", s) for s in ("动力电池", "电机", "电控", "一体化压铸", "智能座舱", "热管理")]
    named = [
        ("赛力斯零部件总成项目", [real["seres"]], ("nev", "整车")),
        ("宁波拓普轻量化底盘生产基地项目", [real["tuopu"]], ("nev", "车身/底盘轻量化")),
    ]
    for i, amount in enumerate(manufacturing):
        if i < len(named):
            name, investors, segment = named[i]
            industry = "3670"
        elif i < 14:
            investor = nev_firms[2 + i]
            segment = nev_segments[i % len(nev_segments)]
            name, investors, industry = (
                project_name(investor, "生产基地项目"),
                [investor],
                investor.industry.code,
            )
        else:
            investor = bio_firms[4 + i - 14]
            segment = ("biomed", "医疗器械" if i % 2 else "体外诊断")
            name, investors, industry = (
                project_name(investor, "产业化项目"),
                [investor],
                investor.industry.code,
            )
        park = (
            parks["organ"]
            if segment[0] == "biomed" and i % 2
            else (parks["tcm"] if segment[0] == "biomed" else None)
        )
        _signed_key_project(
            ctx, name, directions["先进制造"], industry, amount, investors, [ctx.segment(*segment).pk], park
        )
    non_manufacturing = [
        ("口岸经济", "5990", "国际物流"),
        ("口岸经济", "5821", "冷链物流"),
        ("设计产业", "7491", "工业设计"),
        ("数字经济", "6513", "软件"),
        ("数字经济", "6531", "数智"),
        ("文化旅游", "7869", "文旅"),
        ("现代服务", "7212", "总部"),
        ("现代服务", "7299", "商务"),
    ]
    for i, amount in enumerate(others):
        direction, industry, trade = non_manufacturing[i % len(non_manufacturing)]
        investor = _firm(ctx, ctx.names.firm(trade), industry, above_scale=False)
        park = parks["logistics"] if direction == "口岸经济" else None
        name = project_name(investor, "区域总部项目" if direction == "现代服务" else "项目")
        _signed_key_project(ctx, name, directions[direction], industry, amount, [investor], [], park)
    # A key project signed in H1 but terminated before the period ended: not one of the 50.
    investor = _firm(ctx, ctx.names.firm("新能源"), "3670", above_scale=False)
    ctx.writer.add(
        Project(
            name=project_name(investor, "配套项目"),
            region=ctx.regions[CODE],
            direction=directions["先进制造"],
            industry=ctx.industries["3670"],
            is_key=True,
            contract_investment=30_000 * WAN,
            stage=Stage.TERMINATED,
            lead_on=date(2021, 12, 1),
            negotiating_on=date(2021, 12, 20),
            signed_on=date(2022, 2, 18),
            terminated_on=date(2022, 5, 20),
            termination_reason="投资方战略调整，协议解除（演示）",
        ),
        [investor],
    )


def _signed_key_project(ctx, name, direction, industry, amount_wan, investors, segment_ids, park) -> None:
    signed = ctx.day_in(*H1)
    lead = ctx.after(signed, -150, -60, signed)
    negotiating = ctx.after(lead, 10, 50, signed) or signed
    project = Project(
        name=name,
        region=ctx.regions[CODE],
        direction=direction,
        industry=ctx.industries[industry],
        park=park,
        is_key=True,
        contract_investment=amount_wan * WAN,
        fixed_asset_investment=amount_wan * WAN * ctx.rng.randint(50, 90) // 100,
        lead_on=lead,
        negotiating_on=negotiating,
        signed_on=signed,
    )
    advance(ctx, project, signed)
    ctx.writer.add(project, investors, segment_ids)


def leads(ctx: DemoContext) -> None:
    """A few leads for the NEV gaps, one of them overdue, with a visit each (all synthetic firms)."""
    from zhaoshang.accounts.models import User
    from zhaoshang.leads.models import Lead, LeadSource, LeadStage, Visit

    officer = User.objects.get(username="spb_officer")
    plan = [
        ("车载操作系统", LeadStage.VISITED, date(2022, 7, 20)),
        ("车联网", LeadStage.CONTACTED, date(2022, 8, 15)),
        ("车载地图", LeadStage.NEW, date(2026, 12, 10)),
    ]
    for segment, stage, next_on in plan:
        firm = _firm(ctx, ctx.names.firm("智联软件"), "6513", above_scale=False, region_code="500112")
        lead = Lead.objects.create(
            enterprise=firm,
            region=ctx.regions[CODE],
            source=LeadSource.TARGETING,
            segment=ctx.segment("nev", segment),
            owner=officer,
            stage=stage,
            next_action="约请企业来区考察",
            next_action_on=next_on,
        )
        if stage != LeadStage.NEW:
            Visit.objects.create(
                lead=lead,
                visited_on=date(2022, 7, 8),
                summary="介绍区内整车配套需求（演示）",
                people="招商专员",
                created_by=officer,
            )


CONFIDENTIAL_CODE_NAMES = ["A 项目（代号）", "B 项目（代号）", "C 项目（代号）"]


def confidential(ctx: DemoContext) -> None:
    """Three of the district's negotiations are confidential (保密项目), owned by the demo officer: the others
    see their code names only. Negotiations are not signed, so no reported figure changes."""
    from zhaoshang.accounts.models import User

    officer = User.objects.get(username="spb_officer")
    negotiating = Project.objects.filter(
        region=ctx.regions[CODE], stage=Stage.NEGOTIATING, signed_on__isnull=True
    )
    for project, code_name in zip(negotiating.order_by("pk"), CONFIDENTIAL_CODE_NAMES, strict=False):
        project.is_confidential, project.code_name, project.owner = True, code_name, officer
        project._change_reason = "演示数据：洽谈中，设为保密项目"
        project.save()
