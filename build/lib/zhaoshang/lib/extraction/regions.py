"""Region names: the surface forms a press release uses for a division, and how to resolve them.

A division is written in full (沙坪坝区), short (沙坪坝), under a former name (梁平县) or, for a
development zone, abbreviated (合肥高新区). Short names are where false positives come from, so:
- a short name that is an everyday word (光明, 合作, 共和 …) is never used;
- a two-character county short name only counts inside the document's dominant province;
- a name shared by several divisions (江北区: Chongqing and Ningbo) is resolved by an ancestor written
  just before it, then by ancestors elsewhere in the document, then by the dominant province.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Level = Literal["province", "city", "county"]
FormKind = Literal["full", "short", "former", "abbr"]

LEVEL_RANK: dict[str, int] = {"province": 0, "city": 1, "county": 2}
_LEVELS: dict[str, Level] = {"province": "province", "city": "city", "county": "county"}

_ETHNIC = (
    "维吾尔|柯尔克孜|乌孜别克|哈萨克|塔吉克|达斡尔|鄂伦春|鄂温克|俄罗斯|塔塔尔|蒙古|布依|朝鲜|土家|哈尼|傈僳"
    "|拉祜|东乡|纳西|景颇|仫佬|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|乌孜|德昂|保安|裕固|独龙|赫哲|门巴|珞巴"
    "|基诺|高山|汉|回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|佤|畲|水|土|羌|怒|京"
)
_AUTONOMOUS = re.compile(rf"^(.+?)(?:(?:{_ETHNIC})族)*(?:{_ETHNIC})族?(?:各族)?自治(?:区|州|县|旗)$")
_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|自治旗|联合旗|地区|林区|特区|省|市|区|县|旗|盟)$")
_AUTONOMOUS_UNIT = re.compile(r"自治([县旗州])$")
_ZONE_ABBR = (("高新技术产业开发区", "高新区"), ("经济技术开发区", "经开区"), ("经济开发区", "经开区"))


def _words(text: str) -> list[str]:
    return text.split()


# Everyday words and brand names that are also short names of divisions.
STOP_SHORT = frozenset(
    _words(
        "朝阳 中山 阿里 东方 合作 共和 平安 光明 新兴 红旗 解放 前进 东风 友谊 友好 和平 长安 复兴 振兴 太平 资源 比如 安定 新城 城中 城东 城西 "
        "城北 市中 新市 河口 港口 海港 江南 白云 青山 南山 东山 西山 金山 宝山 新华 向阳 工农 爱民 胜利 元宝 宏伟 灯塔 龙凤 兴业 华安 中方 大通 "
        "同德 同仁 互助 温泉 新星 白杨 双河 天河 黄埔 西湖 南湖 东湖 滨江 滨湖 滨海 天元 天心 芙蓉 雨花 普陀 鼓楼 钟楼 石门 凤凰 龙门 天涯 海棠 "
        "七星 八步 万山 盘龙 官渡 麒麟 古城 城关 高新 经开 大观 琅琊 东海 南海 金水 中原 二七 卫东 红山 东河 回民 老城 上街 山城 建安 江海 龙湖 "
        "金平 安居 大英 前锋 白玉 金川 九龙 安远 长寿 明光 天长"
    )
)
# Former names still written in articles (county → district upgrades); the code is the current one.
FORMER_NAMES: dict[str, str] = {
    "梁平县": "500155",
    "武隆县": "500156",
    "铜梁县": "500151",
    "璧山县": "500120",
    "荣昌县": "500153",
    "潼南县": "500152",
    "开县": "500154",
    "大足县": "500111",
    "綦江县": "500110",
    "南川市": "500119",
    "江津市": "500116",
    "合川市": "500117",
    "永川市": "500118",
    "襄樊市": "420600",
    "思茅市": "530800",
    "富阳市": "330111",
    "萧山市": "330109",
}


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    level: Level
    parent: str | None
    province: str


@dataclass(frozen=True, slots=True)
class RegionForm:
    code: str
    kind: FormKind


def short_name(name: str) -> str | None:
    """沙坪坝区 → 沙坪坝, 彭水苗族土家族自治县 → 彭水, 内蒙古自治区 → 内蒙古; None when too short."""
    match = _AUTONOMOUS.match(name)
    stem = match.group(1) if match else ""
    if len(stem) < 2:  # 内蒙古自治区, 西藏自治区: the "ethnic" part is the name itself
        stem = _SUFFIX.sub("", name)
    return stem if 2 <= len(stem) < len(name) else None


def zone_abbreviation(name: str) -> str | None:
    """石家庄高新技术产业开发区 → 石家庄高新区 (the form press releases use)."""
    for long, short in _ZONE_ABBR:
        if name.endswith(long):
            return name[: -len(long)] + short
    return None


class RegionTable:
    """All divisions of a reference CSV and the surface forms that name them."""

    def __init__(self, divisions: Iterable[Division]) -> None:
        self.divisions: dict[str, Division] = {d.code: d for d in divisions}
        self.forms: dict[str, list[RegionForm]] = defaultdict(list)
        for division in self.divisions.values():
            self._add(division.name, division.code, "full")
            short = short_name(division.name)
            if short and short not in STOP_SHORT:
                self._add(short, division.code, "short")
            autonomous = _AUTONOMOUS_UNIT.search(division.name)
            if short and autonomous:  # 彭水苗族土家族自治县 is written 彭水县, 恩施…自治州 恩施州
                self._add(short + autonomous.group(1), division.code, "abbr")
            abbr = zone_abbreviation(division.name)
            if abbr:
                self._add(abbr, division.code, "abbr")
        for name, code in FORMER_NAMES.items():
            if code in self.divisions:
                self._add(name, code, "former")

        self.levels: dict[str, int] = {code: LEVEL_RANK[d.level] for code, d in self.divisions.items()}

    def _add(self, surface: str, code: str, kind: FormKind) -> None:
        forms = self.forms[surface]
        if all(f.code != code for f in forms):
            forms.append(RegionForm(code, kind))

    @classmethod
    def from_csv(cls, path: str | Path) -> RegionTable:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        parents = {row["code"]: row["parent"] or None for row in rows}

        def province_of(code: str) -> str:
            while parent := parents.get(code):
                code = parent
            return code

        def level_of(row: dict[str, str]) -> Level:
            return _LEVELS[row["level"]]

        return cls(
            Division(r["code"], r["name"], level_of(r), r["parent"] or None, province_of(r["code"]))
            for r in rows
            if r["level"] in LEVEL_RANK and not r["name"].startswith("省直辖")
        )

    def is_ancestor(self, ancestor: str, code: str) -> bool:
        parent = self.divisions[code].parent
        while parent:
            if parent == ancestor:
                return True
            parent = self.divisions[parent].parent
        return False


@dataclass(frozen=True, slots=True)
class RegionHit:
    start: int
    end: int
    surface: str
    forms: tuple[RegionForm, ...]


@dataclass(frozen=True, slots=True)
class ResolvedRegion:
    start: int
    end: int
    surface: str
    code: str
    kind: FormKind


def _is_certain(hit: RegionHit) -> bool:
    return len(hit.forms) == 1 and hit.forms[0].kind != "short"


def _is_county_short(form: RegionForm, table: RegionTable) -> bool:
    return form.kind == "short" and table.divisions[form.code].level == "county"


def dominant_province(hits: list[RegionHit], table: RegionTable) -> str | None:
    """The province most named, directly or through unambiguous divisions inside it."""
    votes: Counter[str] = Counter()
    for hit in hits:
        provinces = {table.divisions[f.code].province for f in hit.forms}
        weak = len(hit.surface) == 2 and all(_is_county_short(f, table) for f in hit.forms)
        if len(provinces) == 1 and not weak:
            votes[provinces.pop()] += 1
    if not votes:
        return None
    (first, first_votes), *rest = votes.most_common(2)
    return None if rest and rest[0][1] == first_votes else first


def resolve_regions(hits: list[RegionHit], table: RegionTable) -> list[ResolvedRegion]:
    """Pick one division per hit, or drop the hit when the text cannot tell which one."""
    province = dominant_province(hits, table)
    certain = {hit.forms[0].code for hit in hits if _is_certain(hit)}
    # A division named in full says where the document is: a short name of a division in another
    # province is then part of a firm's or a product's name (宁德时代 in a report about 沙坪坝区).
    certain_provinces = {table.divisions[code].province for code in certain}
    resolved: list[ResolvedRegion] = []
    previous: ResolvedRegion | None = None
    for hit in hits:
        forms = [
            f
            for f in hit.forms
            if _admissible(f, hit.surface, table, province)
            and not (
                f.kind == "short"
                and certain_provinces
                and table.divisions[f.code].province not in certain_provinces
            )
        ]
        choice = _choose(
            forms, table, previous if previous and hit.start - previous.end <= 2 else None, certain, province
        )
        if choice is not None:
            previous = ResolvedRegion(hit.start, hit.end, hit.surface, choice.code, choice.kind)
            resolved.append(previous)
    return resolved


def _admissible(form: RegionForm, surface: str, table: RegionTable, province: str | None) -> bool:
    if not _is_county_short(form, table) or len(surface) >= 3:
        return True
    return table.divisions[form.code].province == province


def _choose(
    forms: list[RegionForm],
    table: RegionTable,
    adjacent: ResolvedRegion | None,
    certain: set[str],
    province: str | None,
) -> RegionForm | None:
    if len(forms) <= 1:
        return forms[0] if forms else None
    rules = (
        lambda f: adjacent is not None and table.is_ancestor(adjacent.code, f.code),
        lambda f: any(table.is_ancestor(c, f.code) for c in certain),
        lambda f: table.divisions[f.code].province == province,
        lambda f: f.kind != "short",
    )
    for rule in rules:
        matching = [f for f in forms if rule(f)]
        if len(matching) == 1:
            return matching[0]
        if matching:
            forms = matching
    # A name shared by a unit and its own ancestor (吉林省/吉林市) means the higher one.
    top = min(forms, key=lambda f: LEVEL_RANK[table.divisions[f.code].level])
    if all(f is top or table.is_ancestor(top.code, f.code) for f in forms):
        return top
    # Otherwise prefer the highest level when it is unique (海南: the province, not the prefecture).
    ranks = Counter(LEVEL_RANK[table.divisions[f.code].level] for f in forms)
    top_rank = LEVEL_RANK[table.divisions[top.code].level]
    return top if ranks[top_rank] == 1 and top_rank == 0 else None
