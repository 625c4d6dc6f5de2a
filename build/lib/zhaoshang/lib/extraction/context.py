"""The words around a figure: its clause, the noun phrase that names it, and the scope it counts.

Press releases name a figure just before it ("合同投资额超320亿元") or just after it ("26家链条企业"),
inside one clause. A noun phrase is read backwards from its head word until a verb, a particle, a
place or a time word: "引进重点产业项目" gives "重点产业项目", "全区汽车制造业规模企业" gives
"汽车制造业规模企业".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from zhaoshang.lib.amounts import QuantityParseError, parse_quantity

# Words that end a noun phrase when read backwards; they are never part of a metric's name.
_STOP_WORDS = " ".join(
    (
        "新引进 引进 引育 招引 集聚 聚集 汇聚 聚焦 新增 累计 共计 合计 总计 实现 完成 达到 拥有 共有 已有 现有 培育 其中 全区",
        "全市 全县 全省 全镇 全国 区内 市内 县内 园区 新区 今年 去年 全年 上半年 下半年 年度 前三季度 一季度 二季度 三季度 四季度",
        "以来 同期 期间 实施 接待 举办 开展 入驻 新设立 设立 新设 围绕 包括 涉及 贡献 另有 同时 分别 在内 力争 争取 预计 确保",
        "居 占 较 为 是 已 共 等 了 的 和 与 及",
    )
).split(" ")
# Longest first: 新设立 must win over 新设.
_STOP = re.compile("|".join(sorted(_STOP_WORDS, key=len, reverse=True)) + r"|\d+月份?|\d{4}年度?")
# Copulas between a name and its figure ("总额为", "达到") are not part of the name.
_TRAILING = re.compile(r"(?:为|是|达到|达|了|共|约|计|总计|合计|累计|共计)+$")
_RANKED = re.compile(r"\d+强")
_LEADING_FIGURE = re.compile(r"^[\d.]+(?![A-Za-z])")
_MORE_THAN = re.compile(r"超过|超|逾|过")
_CJK_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9.·]+$")

_CATEGORY_SCOPE = re.compile(
    r"(?:超过|超|逾|过)?(\d+(?:\.\d+)?|[一二三四五六七八九十百千]+)?(亿元|万元|亿美元|万美元)(?:及)?(以上)?"
)
_SCOPES = re.compile(
    r"(?P<class>(?:世界|中国|民营|三类)?500强|百亿级|十亿级)"
    r"|(?P<make>[\u4e00-\u9fff]{0,4}?制造业)"
    r"|(?P<other>现代服务业|服务业|工业|外资|外商|内资|市外|区外|省外|境外|规上|规模以上|科技型|重点)"
)
# "在生物医药领域," / "新能源汽车产业方面," at a paragraph's start names what its figures count.
_TOPIC = re.compile(r"^(?:在|围绕)?([\u4e00-\u9fff]{2,12}?)(?:产业)?(?:领域|方面|板块)[,:]")


@dataclass(frozen=True, slots=True)
class Window:
    """A figure's clause: text from the clause start to the figure, and from the figure to the end."""

    clause_start: int
    clause_end: int
    left: str
    right: str


def window(text: str, breaks: list[int], start: int, end: int, lower: int, upper: int) -> Window:
    """The clause around text[start:end], within [lower, upper) (the sentence).

    ``breaks`` are the offsets of every clause-breaking character of ``text``, in order.
    """
    before = bisect.bisect_left(breaks, start) - 1
    clause_start = max(lower, breaks[before] + 1) if before >= 0 else lower
    after = bisect.bisect_left(breaks, end)
    clause_end = min(upper, breaks[after]) if after < len(breaks) else upper
    return Window(clause_start, clause_end, text[clause_start:start], text[end:clause_end])


def noun_phrase(left: str) -> str:
    """The name ending ``left``, read backwards to the first stop word or non-word character."""
    run = _CJK_RUN.search(left)
    if run is None:
        return ""
    phrase = _TRAILING.sub("", run.group())
    cut = 0
    for match in _STOP.finditer(phrase):
        if match.end() <= len(phrase):
            cut = max(cut, match.end())
    phrase = phrase[cut:]
    # Digits only belong to a phrase as part of a category ("10亿元以上项目", "500强企业").
    if _CATEGORY_SCOPE.match(phrase) or _RANKED.match(phrase):
        return phrase
    return _LEADING_FIGURE.sub("", phrase)  # keep 5G基站, drop a stray figure


def normalise_category(text: str) -> str | None:
    """ "超亿元" / "过10亿元" / "10亿元以上" / "超百亿元" → "亿元以上" / "10亿元以上" / … / "百亿元以上"."""
    match = _CATEGORY_SCOPE.search(text)
    if match is None:
        return None
    written_as_class = match.group(3) or _MORE_THAN.match(match.group(0))
    if not written_as_class:
        return None
    number = match.group(1) or ""
    if number and not number[0].isdigit():
        try:  # 十亿元 → 10亿元; 百亿元 stays as written (a bare 百 is not a numeral to parse)
            written = parse_quantity(number + match.group(2)).number
            number = f"{written.normalize():f}" if written is not None else number
        except QuantityParseError:
            pass
    if number in ("一", "1"):
        number = ""
    return f"{number}{match.group(2)}以上"


def scope_of(phrase: str) -> str | None:
    """The sub-set a metric's name restricts it to: a size class, 制造业, 工业, 外资, 市外 …"""
    category = normalise_category(phrase)
    if category:
        return category
    match = _SCOPES.search(phrase)
    if match is None:
        return None
    if match.group("make"):
        return match.group("make")
    found = match.group(0)
    return {"外商": "外资", "规模以上": "规上"}.get(found, found)


def topic_of(paragraph: str) -> str | None:
    match = _TOPIC.match(paragraph)
    return match.group(1) if match else None


def strip_category(phrase: str) -> str:
    """Write a size class in its normal form inside a label: "超亿元项目" → "亿元以上项目"."""
    category = normalise_category(phrase)
    if category is None:
        return phrase
    return _CATEGORY_SCOPE.sub(category, phrase, count=1)
