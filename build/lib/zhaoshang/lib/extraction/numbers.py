"""Find the figures in running text. Only *where* they are: reading them is amounts.parse_quantity's job.

A candidate is [qualifier] number [余/多] [万/亿] [余/多] unit [以上/左右], in the grammar parse_quantity
reads, so the located substring is handed over as is. What the locator refuses on its own:
- a number glued to letters or other digits (5G, RCEP-2, phone and QQ numbers have no unit anyway);
- ordinals (第3批), durations (6个月), and words that merely start like a unit (家电, 人民币, 所以);
- a verb ending in a qualifier character: 签约50个 is 50, not 约50.
Ranges ("10-20亿元", "10亿元至20亿元") become one mention with a low and a high quantity.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from zhaoshang.lib.amounts import Quantity, QuantityParseError, parse_quantity

_PRE = "突破|超过|超出|接近|将近|近乎|大约|达到|高达|多达|超|近|约|达|逾"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿点]*?"
_UNIT = r"美元|元|个百分点|%|亩|平方米|平米|m2|公顷|平方公里|[个家项户次人名件台辆座条批所场]"
# The leading lookahead rejects most positions at once: every figure starts with a qualifier's first
# character, 百 (百分之) or a numeral.
_FIRST = "突超接将近大约达高多逾百0-9零〇一二两三四五六七八九十"
_QUANTITY = re.compile(
    rf"(?=[{_FIRST}])(?P<pre>{_PRE})?(?<![\dA-Za-z.第])"
    rf"(?:百分之(?P<pct>{_ARABIC}|[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百点]*)"
    rf"|(?P<num>{_ARABIC}|{_CHINESE})(?:余|多)?(?:万亿|亿|万)?(?:余|多)?(?P<unit>{_UNIT})"
    rf"|(?P<bare>{_ARABIC}|{_CHINESE})(?:余|多)?(?:万亿|亿)(?:余|多)?(?![元美万亿\d]))"
    r"(?P<post>以上|左右)?"
)
# Characters before a one-character qualifier that make it part of a verb (签约, 到达, 赶超, 最近).
_VERB_BEFORE = {"约": "签履合节制契预特", "达": "到抵下表发传送直通", "超": "赶高", "近": "最临附逼"}
# What may follow a unit character without it being a unit.
_NOT_A_UNIT = {
    "个": ("月", "工作日", "小时", "季度", "多月", "半月", "星期", "年头"),
    "家": ("庭", "居", "电", "具", "乡", "园", "门"),
    "人": ("民", "才", "员", "口"),
    "所": ("以", "在", "有", "谓", "属"),
    "名": ("单", "称", "义", "牌", "录"),
    "场": ("景", "地", "所", "馆", "次"),
    "条": ("件", "例", "款"),
    "次": ("会", "日", "年", "月"),
    "台": ("阶", "湾"),
    "项": ("目",),
}
_RANGE_LEFT = re.compile(rf"(?<![\dA-Za-z.])({_ARABIC})\s*(?:-|~|—|–|至|到)\s*$")
_RANGE_JOIN = re.compile(r"\s*(?:-|~|—|–|至|到)\s*")
_CATEGORY_AFTER = re.compile(
    r"(?:及以上|以上)?(?:级)?(?:的)?(?:重大|重点|产业|工业|制造业|招商引资|招商|签约|新签约|投资|外资|内资|省外|市外"
    r"|区外|重特大|入库|新建|续建|在建|落地|新落地|大|好)*(?:项目|企业)"
)
# "投资超30亿元的清山奥特莱斯…等4个项目": a class whose members are listed, then counted.
_CATEGORY_LISTED = re.compile(r"的[^,;。]{2,60}?等\d+个项目")
# "20亿元项目2个": a class written without 以上, recognisable by the count right after it.
_BARE_CLASS = re.compile(r"(?:级)?项目\d+个")


# Shares written as tenths or fractions ("超六成", "三分之一"), only where a share is being stated.
_TENTHS = re.compile(
    rf"(?=[{_FIRST}])(?P<pre>{_PRE})?(?<=[的超近约逾达过占为长加高升])(?P<n>[一二两三四五六七八九]|\d)成(?![本功立为交绩果员熟长型品])(?P<post>左右)?"
)
# "同比增长1.3倍" is a growth of 130%; 倍 elsewhere ("是去年的2倍") is a ratio and left alone.
# "增长1.6倍"; "分别增长1.6和1.2倍", "1.81、1.78和1.57倍": listed numbers share the last one's 倍.
_TIMES = re.compile(rf"(?<=增长|提高|增加)(?P<pre>{_PRE})?(?P<list>(?:{_ARABIC}[、和])*)(?P<n>{_ARABIC})倍")
_LISTED = re.compile(rf"({_ARABIC})[、和]")
_FRACTION = re.compile(
    rf"(?=[{_FIRST}])(?P<pre>{_PRE})?(?P<d>[二三四五六七八九十]|\d{{1,2}})分之(?P<n>[一二三四五六七八九]|\d{{1,2}})(?P<post>左右)?"
)


@dataclass(frozen=True, slots=True)
class QuantityMention:
    start: int
    end: int
    text: str
    quantity: Quantity
    high: Quantity | None = None  # the upper end of a range; quantity is then the lower end
    chinese: bool = False  # written in Chinese numerals (两个领域, 六个产业方向)
    category: bool = False  # "10亿元以上项目": names a class of projects, is not a figure itself

    @property
    def kind(self) -> str:
        return self.quantity.kind

    @property
    def value(self) -> Decimal:
        return self.quantity.value


@functools.lru_cache(maxsize=16384)
def _parse(text: str) -> Quantity | None:
    """parse_quantity, remembered: Quantity is immutable and releases repeat their figures."""
    try:
        return parse_quantity(text)
    except QuantityParseError:
        return None


def _unit_is_fake(match: re.Match[str], text: str) -> bool:
    unit = match["unit"]
    if unit not in _NOT_A_UNIT:
        return False
    after = text[match.end("unit") : match.end("unit") + 3]
    return after.startswith(_NOT_A_UNIT[unit])


def locate(text: str) -> list[QuantityMention]:
    """Every figure in ``text`` that parse_quantity can read, left to right, ranges merged."""
    mentions: list[QuantityMention] = []
    for match in _QUANTITY.finditer(text):
        if match["unit"] and _unit_is_fake(match, text):
            continue
        start = match.start()
        pre = match["pre"]
        if pre and len(pre) == 1 and start > 0 and text[start - 1] in _VERB_BEFORE.get(pre, ""):
            start += 1
        quantity = _parse(text[start : match.end()])
        if quantity is None:
            continue
        numeral = match["num"] or match["bare"] or match["pct"] or ""
        mention = QuantityMention(
            start, match.end(), text[start : match.end()], quantity, chinese=not numeral[:1].isdigit()
        )
        mentions.append(_with_range(mention, text, mentions))
    mentions.extend(_share_words(text))
    mentions.extend(_times(text))
    mentions.sort(key=lambda m: m.start)
    return [_with_category(m, text) for m in _drop_absorbed(mentions)]


def _numeral(text: str) -> Decimal | None:
    count = _parse(text + "个")  # parse_quantity reads the numeral; a count unit makes it parseable
    return count.value if count is not None else None


def _qualifier_of(pre: str | None) -> str | None:
    """The qualifier (约, 近, 超 …) a word before a figure gives it, read as the one parser reads it."""
    if not pre:
        return None
    parsed = _parse(pre + "1个")
    return parsed.qualifier if parsed is not None else None


def _times(text: str) -> list[QuantityMention]:
    found = []
    for match in _TIMES.finditer(text):
        growth = _parse(f"{match['n']}%")  # the numeral read by parse_quantity; 1.3倍 is +130%
        if growth is None:
            continue
        qualifier = _qualifier_of(match["pre"])
        last = match.start("n")
        written = text[last : match.end()] if match["list"] else match.group()
        quantity = Quantity(growth.value * 100, "percent", "倍", qualifier, None, written)
        found.append(
            QuantityMention(match.start() if not match["list"] else last, match.end(), written, quantity)
        )
        for listed in _LISTED.finditer(text, match.start("list"), match.end("list")):
            value = _parse(f"{listed.group(1)}%")
            if value is not None:
                number = listed.group(1)
                q = Quantity(value.value * 100, "percent", "倍", None, None, number)
                found.append(QuantityMention(listed.start(), listed.start() + len(number), number, q))
    return found


def _share_words(text: str) -> list[QuantityMention]:
    found: list[QuantityMention] = []
    for pattern in (_TENTHS, _FRACTION):
        for match in pattern.finditer(text):
            numerator = _numeral(match["n"])
            denominator = _numeral(match["d"]) if "d" in pattern.groupindex else Decimal(10)
            if not numerator or not denominator or numerator >= denominator:
                continue
            pre = match["pre"]
            qualifier = _qualifier_of(pre)
            if match["post"]:
                qualifier = qualifier or "约"  # 四分之一左右
            written = match.group()
            value = (numerator / denominator).quantize(Decimal("0.000001")).normalize()
            quantity = Quantity(
                value, "percent", "成" if pattern is _TENTHS else "分之", qualifier, None, written
            )
            found.append(QuantityMention(match.start(), match.end(), written, quantity, chinese=True))
    return found


def _with_range(mention: QuantityMention, text: str, earlier: list[QuantityMention]) -> QuantityMention:
    # "10亿元至20亿元": the previous mention is the low end.
    if earlier:
        previous = earlier[-1]
        gap = text[previous.end : mention.start]
        if (
            previous.high is None
            and _RANGE_JOIN.fullmatch(gap)
            and previous.kind == mention.kind
            and previous.quantity.qualifier is None
        ):
            return QuantityMention(
                previous.start,
                mention.end,
                text[previous.start : mention.end],
                previous.quantity,
                high=mention.quantity,
                chinese=mention.chinese,
            )
    # "10-20亿元": the low end has no unit of its own and borrows the high end's.
    if mention.quantity.qualifier is None:
        left = _RANGE_LEFT.search(text, max(0, mention.start - 16), mention.start)
        if left:
            unit = mention.quantity.unit_text if mention.kind != "percent" else "%"
            low = _parse(left.group(1) + (unit or ""))
            if low is not None and low.kind == mention.kind and low.value < mention.value:
                start = left.start()
                return QuantityMention(
                    start,
                    mention.end,
                    text[start : mention.end],
                    low,
                    high=mention.quantity,
                    chinese=mention.chinese,
                )
    return mention


def _drop_absorbed(mentions: list[QuantityMention]) -> list[QuantityMention]:
    """A range built from two mentions replaces its low end, which was appended just before it."""
    kept: list[QuantityMention] = []
    for mention in mentions:
        while kept and kept[-1].start >= mention.start:
            kept.pop()
        kept.append(mention)
    return kept


def _with_category(mention: QuantityMention, text: str) -> QuantityMention:
    if mention.kind != "money":
        return mention
    if mention.high is not None:  # "1至10亿级项目9个", "30至100亿元的项目216个"
        if not re.match(r"(?:级|的)项目", text[mention.end : mention.end + 3]):
            return mention
    elif _BARE_CLASS.match(text, mention.end):
        pass
    else:
        after = _CATEGORY_AFTER.match(text, mention.end)
        listed = _CATEGORY_LISTED.match(text, mention.end)
        if after is None and listed is None:
            return mention
        written_as_class = (
            mention.quantity.qualifier in ("超", "逾", "以上", "突破")
            or text.startswith(("以上", "及以上", "级"), mention.end)
            or text[mention.start - 1 : mention.start] == "过"  # 过10亿元项目
        )
        if not written_as_class:
            return mention
    return QuantityMention(
        mention.start,
        mention.end,
        mention.text,
        mention.quantity,
        mention.high,
        mention.chinese,
        category=True,
    )


def category_scope(mention: QuantityMention) -> str:
    """The scope a category mention names: "超10亿元" → "10亿元以上"."""
    q = mention.quantity
    number = q.number if q.number is not None else q.value
    return f"{number.normalize():f}{q.unit_text}以上"
