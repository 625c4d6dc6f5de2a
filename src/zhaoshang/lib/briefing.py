"""Briefing composition (简报): the Chinese text of a district's investment-promotion report, written from
figures only. Plain Python: the reports app gathers the figures from the ledger, the targets and the
chain maps; this module turns them into sentences through `lib.amounts`, and records where every number
comes from (its `Source`) so that the sources appendix can list the query behind each one.

The phrasing follows the reference press release (沙坪坝区, 2022-08-04):
    headline      上半年，沙坪坝区工业招商提前完成全年目标任务   (manufacturing target met before year end)
                  …工业招商进度快于时序进度 / …滞后于时序进度        (target not met; ahead of / behind pace)
                  …招商引资工作情况                                  (no manufacturing target)
    paragraph 1   directions, key projects, contract investment, manufacturing part, share, completion
    one paragraph per featured chain: leader, chain firms, covered segments, above-scale firms
    next steps    the gaps of each chain as 重点开展…等核心配套企业的招商
A sentence the figures cannot support is left out rather than written with a placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from zhaoshang.lib.amounts import format_amount, format_count, format_percent
from zhaoshang.lib.periods import Period, PeriodParseError, parse_period

_CN_SMALL = "零一二三四五六七八九十"
_ORDINALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Source:
    """Where one number of a briefing comes from: the metric, region, period, scope and the query."""

    label: str  # the metric as the briefing names it: 合同投资额
    metric: str  # the registry key (contract_investment) or the chain-map figure (chain:nev:firms)
    region_code: str
    period: str  # period code, e.g. 2022H1
    scope: str  # registry scope ("key", "") or a chain key
    query: str  # the query behind the value, written out
    link: str  # the page listing the rows behind the value (ledger drill-down, chain map)
    # For the appendix a reader reads: where the figure was counted (项目台账, 产业链图谱, 目标考核), the
    # region by name, the scope in words (重点项目口径, 生物医药产业链) and what was counted when the
    # scope alone does not say it (合同投资额, 规上企业数).
    origin: str = "项目台账"
    region_name: str = ""
    scope_name: str = ""
    counted: str = ""


@dataclass(frozen=True)
class Figure:
    value: int | Decimal
    source: Source


@dataclass(frozen=True)
class ChainFigures:
    """One featured chain as the region holds it (chains.services.chain_map)."""

    key: str
    name: str  # 智能网联新能源汽车
    leaders: tuple[str, ...]
    named_firms: tuple[str, ...]  # further members worth naming (西南药业、鼎晶生物)
    firms: Figure  # local chain firms
    covered: tuple[str, ...]  # segments with a local member
    gaps: tuple[str, ...]  # segments without one
    above_scale: Figure | None = None
    above_scale_label: str = "规上企业"  # 汽车制造业规模企业 for the auto makers of GB/T division 36


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal  # a fraction for completions, yuan for amounts


@dataclass(frozen=True)
class BriefingFigures:
    """Everything a briefing says, as numbers with their sources."""

    region_code: str
    region_name: str
    period: Period
    directions: tuple[str, ...]
    key_projects: Figure
    contract_investment: Figure
    manufacturing_investment: Figure
    manufacturing_share: Figure | None
    manufacturing_completion: Figure | None  # year to date against the annual target
    target_level: str  # "municipal" | "district" | ""
    time_progress: Decimal
    chains: tuple[ChainFigures, ...] = ()
    completions: tuple[Bar, ...] = ()  # every metric with a target: completion (chart)
    by_direction: tuple[Bar, ...] = ()  # contract investment per direction, yuan (chart)

    @property
    def completed_early(self) -> bool:
        """提前完成全年目标: the manufacturing target met before the year ends."""
        c = self.manufacturing_completion
        return c is not None and c.value >= 1 and self.period.end < self.period.year_period().end


@dataclass(frozen=True)
class Citation:
    number: int
    written: str  # the figure as the text writes it: 超320亿元
    figure: Figure

    @property
    def source(self) -> Source:
        return self.figure.source


@dataclass(frozen=True)
class Briefing:
    title: str
    dateline: str
    paragraphs: tuple[str, ...]
    citations: tuple[Citation, ...]

    @property
    def lead(self) -> str:
        """The headline paragraph."""
        return self.paragraphs[0] if self.paragraphs else ""


@dataclass
class _Writer:
    citations: list[Citation] = field(default_factory=list)

    def cite(self, written: str, figure: Figure) -> str:
        self.citations.append(Citation(len(self.citations) + 1, written, figure))
        return written


def _cn_count(n: int) -> str:
    """六 for 6 (the press-release style for small counts), Arabic above ten."""
    return _CN_SMALL[n] if 0 <= n <= 10 else str(n)


def _list(items: tuple[str, ...] | list[str]) -> str:
    return "、".join(items)


def headline(f: BriefingFigures) -> str:
    """A true headline: met early, ahead of or behind pace, or plain when there is no target."""
    when, region = f.period.short_zh, f.region_name
    c = f.manufacturing_completion
    if c is None:
        return f"{when}，{region}招商引资工作情况"
    if f.completed_early:
        return f"{when}，{region}工业招商提前完成全年目标任务"
    if c.value >= 1:
        return f"{f.period.year}年，{region}工业招商完成全年目标任务"
    if c.value >= f.time_progress:
        return f"{when}，{region}工业招商进度快于时序进度"
    return f"{when}，{region}工业招商进度滞后于时序进度"


def _lead(f: BriefingFigures, w: _Writer) -> str:
    parts = [f"{f.period.year}年{f.period.short_zh}，{f.region_name}"]
    if f.directions:
        parts.append(f"重点瞄准{_list(f.directions)}等{_cn_count(len(f.directions))}个产业方向全面发力，")
    count = int(f.key_projects.value)
    parts.append(f"引进重点产业项目{w.cite(format_count(count, '个'), f.key_projects)}")
    if count:
        parts.append(
            f"，合同投资额{w.cite(format_amount(f.contract_investment.value), f.contract_investment)}"
        )
        m = f.manufacturing_investment
        if m.value:
            parts.append(f"，其中制造业合同投资额{w.cite(format_amount(m.value), m)}")
            if f.manufacturing_share is not None:
                share = format_percent(f.manufacturing_share.value, style="headline")
                parts.append(f"，占比{w.cite(share, f.manufacturing_share)}")
    if f.manufacturing_completion is not None:
        level = "市级任务目标" if f.target_level == "municipal" else "区级目标"
        done = w.cite(format_percent(f.manufacturing_completion.value), f.manufacturing_completion)
        parts.append(f"，完成制造业全年{level}的{done}")
    return "".join(parts) + "。"


def _chain(c: ChainFigures, w: _Writer) -> str:
    text = f"在{c.name}领域，"
    if c.leaders:
        text += f"围绕龙头企业{_list(c.leaders)}，"
    named = f"{_list(c.named_firms)}等" if c.named_firms else ""
    text += f"已汇聚{named}{w.cite(format_count(int(c.firms.value), '家'), c.firms)}链条企业"
    if c.covered:
        text += f"，涵盖{_list(c.covered)}等细分领域"
    if c.above_scale is not None:
        scope = "全区" if c.above_scale.source.metric.startswith("division:") else "其中"
        written = w.cite(format_count(int(c.above_scale.value), "家"), c.above_scale)
        text += f"，{scope}{c.above_scale_label}达{written}"
    return text + "。"


def _next_steps(f: BriefingFigures) -> list[str]:
    with_gaps = [c for c in f.chains if c.gaps]
    if not with_gaps:
        return []
    later = "下半年" if f.period.end.month <= 6 else ("明年" if f.period.end.month == 12 else "下一步")
    intro = f"{later}，{f.region_name}将聚焦重点产业链细分领域精准招商"
    items = [
        f"围绕{c.name}产业链，重点开展{_list(c.gaps)}等核心配套企业的招商，补齐产业链短板" for c in with_gaps
    ]
    if len(items) == 1:
        return [f"{intro}，{items[0]}。"]
    return [f"{intro}。", *(f"{_ORDINALS[i] if i < 10 else i + 1}是{item}。" for i, item in enumerate(items))]


def compose(f: BriefingFigures, *, written_on: date | None = None) -> Briefing:
    """Write the briefing: title, dateline, paragraphs, and a citation for every number written.

    The dateline carries the data date first: whoever reads the briefing back (intake) takes the first
    date of a document as its date, and 上半年 then means the half-year the figures are about.
    """
    w = _Writer()
    paragraphs = [_lead(f, w)]
    paragraphs += [_chain(c, w) for c in f.chains]
    paragraphs += _next_steps(f)
    dateline = f"{f.region_name}投资促进工作简报（数据截至{_day(f.period.end)}"
    dateline += f"，{_day(written_on)}编制）" if written_on is not None else "）"
    return Briefing(headline(f), dateline, tuple(paragraphs), tuple(w.citations))


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


_RAW_UNITS = {"个": "（个）", "家": "（家）"}


def ledger_value(c: Citation) -> str:
    """The unrounded value behind a written figure, without a unit word glued to it: an appendix that
    wrote "320.5亿元" would be read back as one more claim."""
    value = c.figure.value
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return f"{value.normalize():f}"
    unit = _RAW_UNITS.get(c.written[-1], "（元）" if c.written.endswith("元") else "")
    return f"{int(value)}{unit}"


def source_line(c: Citation) -> str:
    """One line of the sources appendix in plain Chinese: 来源：项目台账 · 沙坪坝区 · 2022年上半年 ·
    重点项目口径 · 50个. The query and the metric key stay on the Source (the web page's tooltip)."""
    s = c.source
    try:
        period = parse_period(s.period).name_zh
    except PeriodParseError:
        period = s.period
    parts = [s.origin, s.region_name or s.region_code, period, s.scope_name, s.counted, c.written]
    return "来源：" + " · ".join(p for p in parts if p)


def query_line(c: Citation) -> str:
    """The technical provenance of a figure (metric key, ledger value, query, ledger link) for the tooltip."""
    s = c.source
    return f"{s.metric} = {ledger_value(c)}；{s.query}；{s.link}"


def to_text(b: Briefing) -> str:
    lines = [b.title, "", b.dateline, "", *[f"　　{p}" for p in b.paragraphs], "", "数据来源", ""]
    lines += [source_line(c) for c in b.citations]
    return "\n".join(lines) + "\n"


def to_markdown(b: Briefing) -> str:
    lines = [f"# {b.title}", "", f"*{b.dateline}*", ""]
    for p in b.paragraphs:
        lines += [p, ""]
    lines += ["## 数据来源", ""]
    # one paragraph per line, not a numbered list: a line starting 来源： is what a reader of the file
    # back (intake) takes for a source note, not for more claims
    for c in b.citations:
        lines += [source_line(c), ""]
    return "\n".join(lines) + "\n"
