"""Named things in a document: regions, enterprises (known or found by their name's shape), industry
directions, chain segments and periods, each once with all its mentions.

An enterprise the gazetteer does not know is recognised by its name's ending (…集团, …有限公司, …药业)
after a plausible name: two to ten characters after the last verb or particle, not a generic word
(龙头企业, 该公司). Weak endings (生物, 科技 …) also need a boundary after them, so that 生物医药 or
器官智能生物制造工程中心 are not taken for companies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from zhaoshang.lib.extraction.clean import CleanDocument
from zhaoshang.lib.extraction.gazetteer import TermHit
from zhaoshang.lib.extraction.placing import PeriodMention
from zhaoshang.lib.extraction.regions import RegionTable, ResolvedRegion
from zhaoshang.lib.extraction.schema import Entity, EntityKind, Mention

_STRONG = r"股份有限公司|有限责任公司|集团有限公司|有限公司|集团|公司"
_WEAK = r"药业|制药|生物|科技|电子|电气|股份|控股|光电|锂电|新材料"
_NAME_CHARS = r"[\u4e00-\u9fffA-Za-z0-9·]"
# Endings are found first (few of them in a text), then the name is read backwards from each.
_ENDING = re.compile(rf"(?P<strong>{_STRONG})|(?P<weak>{_WEAK})(?=[,、。;:)”等和与及的在为是已将]|$)")
_NAME_RUN = re.compile(rf"{_NAME_CHARS}{{2,12}}$")
_NAME_STOP = re.compile(
    r"(?:引进|引育|招引|集聚|汇聚|聚焦|围绕|依托|携手|签约|落户|落地|入驻|投资|建设|打造|合作|推动|支持|服务|培育"
    r"|新增|包括|以及|其中|龙头企业|头部企业|企业|全区|全市|以|与|和|及|同|由|是|为|在|对|向|了|等|的|将|原|如)"
)
_GENERIC = re.compile(
    r"^(?:该|这|此|其|各|多|两|三|本|子|分|母|上市|合资|独资|控股|平台|国有|民营|外资|投资|新|头部|龙头|配套|相关|优质|知名"
    r"|领军|骨干|规上|本地|本土|全球|世界|国内|国际|智能|数字|新能源|生物|医疗|信息|高新|现代|先进|电子|合成|工业|产业|重点)"
)
_ENUMERATION = re.compile(
    r"^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]|其[一二三]|首先|其次|再次|最后|\(\d\)|\d\.)"
)
_PLANNED = re.compile(
    r"下半年|下一步|明年|今后|(?<![即])将(?!近)|拟|(?<!行动)计划(?!总投资|投资)|力争|重点(?:开展|围绕).{0,60}?招商"
)


@dataclass(frozen=True, slots=True)
class UnknownEnterprise:
    start: int
    end: int
    name: str


def planned_sentences(doc: CleanDocument) -> set[int]:
    """Sentences about future work; 一是/二是 items inherit it from the sentence that announced them."""
    planned: set[int] = set()
    announced = False
    for sentence in doc.sentences:
        body = sentence.text.strip()
        is_planned = _PLANNED.search(body) is not None
        if _ENUMERATION.match(body):
            is_planned = is_planned or announced
        else:
            announced = is_planned
        if is_planned:
            planned.add(sentence.index)
    return planned


def find_unknown_enterprises(text: str, taken: Iterable[tuple[int, int]]) -> list[UnknownEnterprise]:
    occupied = sorted(taken)
    found: list[UnknownEnterprise] = []
    for ending in _ENDING.finditer(text):
        start, end = ending.start(), ending.end()
        if found and found[-1].end > start:
            continue  # 集团有限公司: the longer ending of the same name was already taken
        run = _NAME_RUN.search(text, max(0, start - 12), start)
        if run is None:
            continue
        prefix = run.group()
        # Cut after the last verb or particle that still leaves a name ("区内以石药集团" → 石药集团,
        # but "以岭药业" keeps its 以).
        cuts = [m.end() for m in _NAME_STOP.finditer(prefix) if len(prefix) - m.end() >= 2]
        name_start = run.start() + (max(cuts) if cuts else 0)
        name = text[name_start:start]
        if len(name) < 2 or _GENERIC.match(name) or any(s < end and name_start < e for s, e in occupied):
            continue
        found.append(UnknownEnterprise(name_start, end, text[name_start:end]))
    return found


def build_entities(
    doc: CleanDocument,
    terms: list[TermHit],
    regions: list[ResolvedRegion],
    unknown: list[UnknownEnterprise],
    periods: list[PeriodMention],
    table: RegionTable | None,
) -> list[Entity]:
    planned = planned_sentences(doc)
    entities: dict[tuple[str, str], Entity] = {}

    def mention(
        kind: EntityKind, key: str, name: str, start: int, end: int, alias: str, **extra: object
    ) -> None:
        entity = entities.setdefault((kind, key), Entity(kind, key, name, extra=dict(extra)))
        former = kind == "enterprise" and doc.text[max(0, start - 1) : start] == "原"
        sentence = doc.sentence_at(start)
        entity.mentions.append(
            Mention((start, end), doc.text[start:end], alias, sentence.index in planned, former)
        )

    for region in regions:
        division = table.divisions[region.code] if table else None
        name = division.name if division else region.surface
        level = division.level if division else None
        mention("region", region.code, name, region.start, region.end, region.surface, level=level)
    for term in terms:
        mention(term.kind, term.canonical, term.canonical, term.start, term.end, term.surface)
    for company in unknown:
        mention("enterprise", company.name, company.name, company.start, company.end, company.name)
        entities[("enterprise", company.name)].known = False
    for period in periods:
        p = period.period
        mention(
            "period",
            p.code,
            p.name_zh,
            period.start,
            period.end,
            period.text,
            first_day=p.start.isoformat(),
            last_day=p.end.isoformat(),
        )
    return sorted(entities.values(), key=lambda e: e.mentions[0].span[0])
