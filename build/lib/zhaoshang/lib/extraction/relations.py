"""How figures relate inside a sentence: parts of a total (其中…), and the bases of rates.

- 其中: a count or amount after 其中 is a part of the nearest earlier figure of the same kind before
  it (a project count of a project count, money of money). After a semicolon the enumeration goes on
  only while the parts still fit in the total and the clause does not start a new topic (新开工…).
- A share's parent is the part it measures (the figure just before it); its base is that part's own
  parent, the whole. A completion rate's parent is the figure it completes, preferring one of the same
  scope (制造业 … 完成制造业…目标的109%). A growth's parent is the figure it grows.
- An amount with no scope of its own right after a count with one is that count's amount
  ("先进制造业项目143个,投资额1652亿元").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from zhaoshang.lib.extraction.parts import dimension, link_unmarked, names_part, same_family
from zhaoshang.lib.extraction.schema import Fact

_NEW_TOPIC = re.compile(r"^(?:新|完成|实现|实际|全|累计|同比|此外|另|截至|共|总)")
_PART_OF = "其中"
_PART_MARKERS = (
    _PART_OF,
    "(含",
    "(其中",
    "项目中",
    "企业中",
)  # "新签约项目26个(含外资项目2个)", "新签项目中…"


def relate(facts: list[Fact], text: str, sentence_starts: list[int]) -> None:
    """Fill parent, base and inherited scopes in place (facts are in text order)."""
    _inherit_scopes(facts, text, sentence_starts)
    children: dict[str, list[Fact]] = {}
    by_sentence: dict[int, list[Fact]] = {}
    for index, fact in enumerate(facts):
        earlier = facts[max(0, index - 3) : index]  # only read when the sentence has none
        same_sentence = list(by_sentence.setdefault(sentence_starts[index], []))
        by_sentence[sentence_starts[index]].append(fact)
        if fact.type == "share":
            part = _nearest(same_sentence, lambda f: dimension(f) != "fraction")
            fact.parent = part.id if part else None
            fact.base = part.parent if part else None
            if part and fact.scope is None:
                fact.scope = part.scope
            if part and fact.label == "占比":
                fact.label = part.label + "占比"
        elif fact.type == "completion_rate":
            candidates = [f for f in same_sentence if dimension(f) != "fraction"] or [
                f for f in earlier[-3:] if dimension(f) != "fraction"
            ]
            scoped = [f for f in candidates if fact.scope and f.scope == fact.scope]
            chosen = (scoped or candidates)[-1] if candidates else None
            fact.parent = chosen.id if chosen else None
        elif fact.type == "growth_rate":
            stem = fact.label.removesuffix("同比增长率").removesuffix("增长率")
            candidates = [f for f in same_sentence if dimension(f) != "fraction"]
            if stem:
                candidates = [f for f in candidates if stem in f.label or f.label.startswith(stem)]
            fact.parent = candidates[-1].id if candidates else None
        elif dimension(fact) in ("money", "count"):
            parent = _parallel_whole(fact, index, facts, sentence_starts) or _whole_of(
                fact, index, facts, text, sentence_starts, children
            )
            if parent is not None:
                fact.parent = parent.id
                children.setdefault(parent.id, []).append(fact)
    _pair_respectively(facts, text, sentence_starts)
    link_unmarked(facts, text, sentence_starts)


def _parallel_whole(fact: Fact, index: int, facts: list[Fact], sentence_starts: list[int]) -> Fact | None:
    """ "其中…项目58个、占比26.5%,总投资355.1亿元": the amount after a part count is a part of the
    amount that follows that count's total."""
    if dimension(fact) != "money":
        return None
    previous = next((i for i in range(index - 1, -1, -1) if dimension(facts[i]) != "fraction"), None)
    if previous is None or sentence_starts[previous] != sentence_starts[index]:
        return None
    count = facts[previous]
    if dimension(count) != "count" or count.parent is None:
        return None
    positions = {f.id: i for i, f in enumerate(facts[:index])}
    total = positions.get(count.parent)
    if total is None:
        return None
    after = next((f for f in facts[total + 1 : index] if dimension(f) != "fraction"), None)
    if after is None or after.type != fact.type or not same_family(fact, after) or fact.value > after.value:
        return None
    return after


def _pair_respectively(facts: list[Fact], text: str, sentence_starts: list[int]) -> None:
    """ "A…,B…,分别增长12.5%和18.2%": the rates after 分别 go to the figures before it, in order."""
    for start in sorted(set(sentence_starts)):
        in_sentence = [f for f, s in zip(facts, sentence_starts, strict=True) if s == start]
        if not in_sentence:
            continue
        marker = text.find("分别", start, in_sentence[-1].span[0])
        if marker < 0:
            continue
        rates: list[Fact] = []
        for fact in (f for f in in_sentence if f.span[0] > marker):
            if dimension(fact) != "fraction" or ";" in text[marker : fact.span[0]]:
                break  # the list after 分别 ends at the next figure or clause group
            rates.append(fact)
        figures = [f for f in in_sentence if f.span[1] <= marker and dimension(f) != "fraction"]
        if len(rates) < 2 or len(figures) < len(rates):
            continue
        for rate, figure in zip(rates, figures[-len(rates) :], strict=True):
            rate.parent = figure.id


def _nearest(facts: list[Fact], accept: Callable[[Fact], bool]) -> Fact | None:
    for fact in reversed(facts):
        if accept(fact):
            return fact
    return None


def _whole_of(
    fact: Fact,
    index: int,
    facts: list[Fact],
    text: str,
    sentence_starts: list[int],
    children: dict[str, list[Fact]],
) -> Fact | None:
    sentence_start = sentence_starts[index]
    marker = max(text.rfind(word, sentence_start, fact.span[0]) for word in _PART_MARKERS)
    if marker < 0:
        return None
    lower = sentence_start
    if not text[sentence_start:marker].strip(",:;、 "):  # "其中," opens the sentence: the total is before
        previous = [s for s in sorted(set(sentence_starts)) if s < sentence_start]
        lower = previous[-1] if previous else sentence_start
    wholes = [f for f in facts[:index] if lower <= f.span[0] < marker and same_family(fact, f)]
    if not wholes and lower == sentence_start:
        # "共有28个项目现场签约。签约项目涵盖…,其中10亿元以上项目6个": the total is a sentence back,
        # and then only a figure of the very same type will do.
        previous = [s for s in sorted(set(sentence_starts)) if s < sentence_start]
        if previous:
            wholes = [
                f for f in facts[:index] if previous[-1] <= f.span[0] < sentence_start and f.type == fact.type
            ]
    if wholes and not any(names_part(fact.label, f.label) for f in wholes):
        named = [
            f
            for f in facts[:index]
            if f.type == fact.type
            and f.span[0] < marker
            and names_part(fact.label, f.label)
            and f.value >= fact.value
        ]
        if named and not text[sentence_start:marker].strip(",:;、 "):
            wholes = named[-1:]
    if not wholes:
        return None
    whole = next(
        (f for f in reversed(wholes) if f.type == fact.type and names_part(fact.label, f.label)),
        next((f for f in reversed(wholes) if f.type == fact.type), wholes[-1]),
    )
    if fact.value > whole.value:
        return None  # a part never exceeds its total
    between = text[marker : fact.span[0]]
    if ";" in between and text.startswith(("项目中", "企业中"), marker):
        return whole  # "上报的40个项目中,动工项目33个…;已入资项目34个": parts may overlap
    if ";" in between:
        clause = text[text.rfind(";", marker, fact.span[0]) + 1 : fact.span[0]]
        siblings = children.get(whole.id, [])
        fits = sum((s.value for s in siblings), Decimal(0)) + fact.value <= whole.value * Decimal("1.001")
        if _NEW_TOPIC.match(clause) or not fits:
            return None
    return whole


def _inherit_scopes(facts: list[Fact], text: str, sentence_starts: list[int]) -> None:
    for index, fact in enumerate(facts):
        if index == 0 or fact.scope is not None or dimension(fact) != "money":
            continue
        previous = facts[index - 1]
        same_sentence = sentence_starts[index - 1] == sentence_starts[index]
        between = text[previous.span[1] : fact.span[0]]
        if (
            same_sentence
            and previous.scope
            and dimension(previous) == "count"
            and _PART_OF not in between
            and ";" not in between
        ):
            fact.scope = previous.scope
