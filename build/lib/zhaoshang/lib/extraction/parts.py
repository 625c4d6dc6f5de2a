"""Which figure a part belongs to when the text writes no 其中: the rules for unmarked breakdowns.

Press releases break a total down without a marker as often as with one: a size band after its total
("签约项目370个…总投资在50亿元以上的重特大项目有28个"), the same metric narrowed ("实际使用外资204.7亿美元…
制造业实际使用外资105.4亿美元"), a stage the total reached ("共签约66个项目,…已开工18项"), and the amount
that follows a part count ("…项目58个,总投资355.1亿元" under "…项目219个,总投资1115.2亿元"). A part never
exceeds its total, shares its currency, its period, its region and whether it is an event's figure.
"""

from __future__ import annotations

import re

from zhaoshang.lib.extraction.schema import FRACTION_TYPES, Fact

MONEY_TYPES = frozenset({"investment_amount", "funds_in_place", "foreign_capital", "other_amount"})
# Category scopes that make a figure one size band of a total ("10亿元以上项目55个").
_BAND = re.compile(r"(?:\d+(?:\.\d+)?|[百千十])?[万亿]?(?:美)?元以上$")


def dimension(fact: Fact) -> str:
    if fact.type in FRACTION_TYPES:
        return "fraction"
    if fact.type in MONEY_TYPES or fact.currency is not None:
        return "money"
    return "count" if fact.type != "area" else "area"


def same_family(child: Fact, parent: Fact) -> bool:
    if dimension(child) != dimension(parent):
        return False
    if dimension(child) == "money" and (child.currency or "CNY") != (parent.currency or "CNY"):
        return False  # dollars are never a part of yuan
    if dimension(child) == "count":
        return child.type == parent.type or "target" in (child.type, parent.type)
    return True


_GENERIC_PREFIX = frozenset({"", "招商引资", "全口径", "累计", "共", "新", "全部", "全年"})


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _narrows_metric(part: str, whole: str) -> bool:
    """ "粤港澳大湾区实际到位资金" narrows "招商引资实际到位资金"; "制造业实际使用外资" narrows "实际使用外资"."""
    tail = _common_tail(part, whole)
    if tail < 4 or part == whole:
        return False
    return whole[: len(whole) - tail] in _GENERIC_PREFIX and part[: len(part) - tail] not in _GENERIC_PREFIX


_STAGE_PART = re.compile(r"已(?:经)?(?:开工|取得|投产|落地|竣工|签约|注册|入库|到位|开复工)")


def _clause_before(fact: Fact, text: str) -> str:
    start = max(text.rfind(c, 0, fact.span[0]) for c in ",;。:、") + 1
    return text[start : fact.span[0]]


def _same_place(a: Fact, b: Fact) -> bool:
    same_period = a.period == b.period or (
        a.period is not None
        and b.period is not None
        and (a.period.start, a.period.end, a.period.label[:4])
        == (b.period.start, b.period.end, b.period.label[:4])
    )
    return (
        same_period and a.event == b.event and (a.region is None or b.region is None or a.region == b.region)
    )


def names_part(part: str, whole: str) -> bool:
    """ "签约亿元以上工业项目数" names a part of a total labelled the same, or labelled by its tail."""
    return part == whole or (len(whole) >= 3 and part.endswith(whole))


def link_unmarked(facts: list[Fact], text: str, sentence_starts: list[int]) -> None:
    """Parts written without 其中: size bands after their total, a scoped figure after the unscoped
    total of the same metric, and the amount that follows a linked count ("…项目58个,总投资355.1亿元")."""
    index_of = {f.id: i for i, f in enumerate(facts)}
    for index, fact in enumerate(facts):
        if fact.parent is not None or dimension(fact) not in ("money", "count") or fact.type == "target":
            continue
        earlier = [f for f in facts[:index] if f.parent is None and same_family(fact, f)]
        whole: Fact | None = None
        previous = facts[index - 1] if index else None
        if (
            dimension(fact) == "money"
            and previous is not None
            and previous.parent is not None
            and dimension(previous) == "count"
            and sentence_starts[index - 1] == sentence_starts[index]
        ):
            # Parallel parts: the amount after a part count belongs to the amount after its total.
            total = facts[index_of[previous.parent]]
            after = facts[index_of[total.id] + 1] if index_of[total.id] + 1 < len(facts) else None
            if after is not None and after.type == fact.type and same_family(fact, after):
                whole = after
        if whole is None and fact.scope and _BAND.search(fact.scope) and dimension(fact) == "count":
            # A size band: the nearest earlier unbanded count of the same type, in this sentence or
            # the one before.
            starts = sorted(set(sentence_starts))
            here = starts.index(sentence_starts[index])
            lower = starts[max(0, here - 2)]
            candidates = [
                f
                for f in earlier
                if f.type == fact.type
                and f.span[0] >= lower
                and "\n" not in text[f.span[1] : fact.span[0]]
                and _same_place(fact, f)
                and not (f.scope and _BAND.search(f.scope))
            ]
            whole = candidates[-1] if candidates else None
        if whole is None and dimension(fact) == "count" and _STAGE_PART.search(_clause_before(fact, text)):
            # "26个重点工业项目已开工建设17个", "共签约66个项目,…,已开工18项": a stage the total reached.
            candidates = [
                f
                for f in earlier
                if f.type == fact.type
                and sentence_starts[index_of[f.id]] == sentence_starts[index]
                and not _STAGE_PART.search(_clause_before(f, text))
            ]
            whole = candidates[-1] if candidates else None
        if (
            whole is None
            and previous is not None
            and previous.parent is not None
            and previous.type == fact.type
            and previous.label == fact.label
            and sentence_starts[index - 1] == sentence_starts[index]
        ):
            # "签约额分别超1300亿元、430亿元": the items of one list share their total.
            whole = facts[index_of[previous.parent]]
        if whole is None and dimension(fact) in ("money", "count"):
            # "制造业实际使用外资105.4亿美元" after "实际使用外资204.7亿美元": the same metric, narrowed.
            candidates = [
                f
                for f in facts[:index]
                if f.type == fact.type
                and same_family(fact, f)
                and _same_place(fact, f)
                and f.value > fact.value
                and _narrows_metric(fact.label, f.label)
                and (dimension(fact) == "money" or "\n" not in text[f.span[1] : fact.span[0]])
            ]
            if candidates:
                whole = max(candidates, key=lambda f: (len(f.label), f.span[0]))
        if whole is not None and fact.value <= whole.value and whole is not fact:
            fact.parent = whole.id
