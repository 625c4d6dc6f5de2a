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
from decimal import Decimal

from zhaoshang.lib.extraction.schema import FRACTION_TYPES, Fact

MONEY_TYPES = frozenset({"investment_amount", "funds_in_place", "foreign_capital", "other_amount"})
_NEW_TOPIC = re.compile(r"^(?:新|完成|实现|实际|全|累计|同比|此外|另|截至|共|总)")
_CATEGORY_SCOPE = re.compile(r"以上$|500强|级$")
_PART_OF = "其中"


def _dimension(fact: Fact) -> str:
    if fact.type in FRACTION_TYPES:
        return "fraction"
    if fact.type in MONEY_TYPES or fact.currency is not None:
        return "money"
    return "count" if fact.type != "area" else "area"


def _same_family(child: Fact, parent: Fact) -> bool:
    if _dimension(child) != _dimension(parent):
        return False
    if _dimension(child) == "count":
        return child.type == parent.type or "target" in (child.type, parent.type)
    return True


def _sentence_start(text: str, fact: Fact) -> int:
    return text.index(fact.sentence) if fact.sentence in text else 0


def relate(facts: list[Fact], text: str, sentence_starts: list[int]) -> None:
    """Fill parent, base and inherited scopes in place (facts are in text order)."""
    _inherit_scopes(facts, text, sentence_starts)
    children: dict[str, list[Fact]] = {}
    for index, fact in enumerate(facts):
        earlier = facts[:index]
        same_sentence = [f for f in earlier if sentence_starts[facts.index(f)] == sentence_starts[index]]
        if fact.type == "share":
            part = _nearest(same_sentence, lambda f: _dimension(f) != "fraction")
            fact.parent = part.id if part else None
            fact.base = part.parent if part else None
            if part and fact.scope is None:
                fact.scope = part.scope
        elif fact.type == "completion_rate":
            candidates = [f for f in same_sentence if _dimension(f) != "fraction"] or [
                f for f in earlier[-3:] if _dimension(f) != "fraction"
            ]
            scoped = [f for f in candidates if fact.scope and f.scope == fact.scope]
            chosen = (scoped or candidates)[-1] if candidates else None
            fact.parent = chosen.id if chosen else None
        elif fact.type == "growth_rate":
            stem = fact.label.removesuffix("同比增长率").removesuffix("增长率")
            candidates = [f for f in same_sentence if _dimension(f) != "fraction"]
            if stem:
                candidates = [f for f in candidates if stem in f.label or f.label.startswith(stem)]
            fact.parent = candidates[-1].id if candidates else None
        elif _dimension(fact) in ("money", "count"):
            parent = _whole_of(fact, index, facts, text, sentence_starts, children)
            if parent is not None:
                fact.parent = parent.id
                children.setdefault(parent.id, []).append(fact)


def _nearest(facts: list[Fact], accept) -> Fact | None:  # type: ignore[no-untyped-def]
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
    marker = text.rfind(_PART_OF, sentence_start, fact.span[0])
    if marker < 0:
        return None
    lower = sentence_start
    if not text[sentence_start:marker].strip(",:;、 "):  # "其中," opens the sentence: the total is before
        previous = [s for s in sorted(set(sentence_starts)) if s < sentence_start]
        lower = previous[-1] if previous else sentence_start
    wholes = [f for f in facts[:index] if lower <= f.span[0] < marker and _same_family(fact, f)]
    if not wholes:
        return None
    whole = next((f for f in reversed(wholes) if f.type == fact.type), wholes[-1])
    if fact.value > whole.value:
        return None  # a part never exceeds its total
    between = text[marker : fact.span[0]]
    if ";" in between:
        clause = text[text.rfind(";", marker, fact.span[0]) + 1 : fact.span[0]]
        siblings = children.get(whole.id, [])
        fits = sum((s.value for s in siblings), Decimal(0)) + fact.value <= whole.value * Decimal("1.001")
        if _NEW_TOPIC.match(clause) or not fits:
            return None
    return whole


def _inherit_scopes(facts: list[Fact], text: str, sentence_starts: list[int]) -> None:
    for index, fact in enumerate(facts):
        if index == 0 or fact.scope is not None or _dimension(fact) != "money":
            continue
        previous = facts[index - 1]
        same_sentence = sentence_starts[index - 1] == sentence_starts[index]
        between = text[previous.span[1] : fact.span[0]]
        if (
            same_sentence
            and previous.scope
            and _dimension(previous) == "count"
            and _PART_OF not in between
            and ";" not in between
        ):
            fact.scope = previous.scope
