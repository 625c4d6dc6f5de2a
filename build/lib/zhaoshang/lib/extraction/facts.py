"""Type, label and scope each located figure; the word rules live in kinds.py.

Beyond one clause's words: a figure named before a colon ("签约项目:63个"), an enumeration sharing
one name ("签约额分别为806亿元、512亿元"), a conversion ("折合人民币668亿元") and a sentence that
sets targets ("工作目标为:…", "力争…", "到2025年…") all reach back to what was written earlier.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeGuard

from zhaoshang.lib.extraction.clean import CleanDocument, Sentence
from zhaoshang.lib.extraction.context import Window, noun_phrase, topic_of, window
from zhaoshang.lib.extraction.kinds import (
    AREA,
    HEADS,
    QUALIFIED_SHARE,
    TARGET,
    TARGET_SENTENCE,
    classify_count,
    classify_money,
    classify_percent,
    industry_in_clause,
)
from zhaoshang.lib.extraction.numbers import QuantityMention
from zhaoshang.lib.extraction.schema import FactType


@dataclass(slots=True)
class Draft:
    """A figure typed and labelled, not yet related to the others or placed."""

    mention: QuantityMention
    type: FactType
    label: str
    scope: str | None
    sentence: Sentence
    window: Window
    negative: bool = False
    qualifier: str | None = None


_AT_LEAST = re.compile(r"(?:不少于|不低于|至少)$")
_FOREIGN = re.compile(r"外资|台资|港资|外商")
# "完成市下达任务100亿的100.2%", "完成目标任务7家的114.29%": the figure a completion is measured on.
_TARGET_WORDS = re.compile(r"目标|任务")
_BASE_AFTER = re.compile(r"^的[\d.]+%")
# "提前完成区200亿招商引资任务", "…储备项目120个的目标任务": the target named after its figure.
_TARGET_AFTER = re.compile(r"^(?:的)?[\u4e00-\u9fff]{0,6}?(?:目标任务|招商引资任务|的目标|目标)")
_TARGET_SHARE = re.compile(r"任务数?(?:占比)?$|目标(?:占比)?$")


def _is_target_base(win: Window, text: str, end: int) -> bool:
    after = text[end : end + 16]
    if _BASE_AFTER.match(after) and _TARGET_WORDS.search(win.left):
        return True
    return bool(_TARGET_AFTER.match(win.right)) and not _BASE_AFTER.match(after)


_CONVERTED = re.compile(r"折合")


def _name_window(
    doc: CleanDocument, win: Window, sentence: Sentence, mention: QuantityMention, cuts: Sequence[int]
) -> Window:
    """The window a figure's name is read from: back to a region, or across a colon."""
    text = doc.text
    index = bisect.bisect_right(cuts, mention.start) - 1  # the last name ending before the figure
    cut = cuts[index] if index >= 0 and cuts[index] > win.clause_start else None
    if cut is not None and mention.kind != "percent" and text[cut : mention.start].strip():
        # "占青岛全市的23.6%" still needs its 占; "新签约项目潍坊5个" keeps the name before the place.
        win = Window(cut, win.clause_end, text[cut : mention.start], win.right)
    if not win.left.strip() and text[win.clause_start - 1 : win.clause_start] == ":":
        named = window(
            text, doc.breaks, win.clause_start - 2, win.clause_start - 2, sentence.start, sentence.end
        )
        win = Window(named.clause_start, win.clause_end, named.left + text[win.clause_start - 2], win.right)
    return win


def _continues(
    previous: Draft | None, mention: QuantityMention, win: Window, text: str, sentence: Sentence
) -> TypeGuard[Draft]:
    """Does this figure share the previous one's name (an enumeration, or a conversion)?"""
    if previous is None or previous.mention.kind != mention.kind or previous.sentence.index != sentence.index:
        return False
    listed = not win.left.strip() and text[win.clause_start - 1 : win.clause_start] in ("、", "和")
    if not listed and mention.kind == previous.mention.kind:
        # "青岛59亿元、日照37.4亿元": a place between the list mark and the figure.
        head = text[max(previous.mention.end, mention.start - 8) : mention.start]
        mark = max(head.rfind("、"), head.rfind("和"))
        listed = (
            mark >= 0
            and not head[:mark].strip()
            and len(head) - mark <= 7
            and bool(re.fullmatch(r"[\u4e00-\u9fff]{2,6}", head[mark + 1 :]))
        )
    # "新增市场主体3.2万户,累计达到98.6万户": a nameless count of the same unit continues the last.
    nameless = (
        mention.kind == "count"
        and not noun_phrase(win.left)
        and not HEADS.search(win.right[:6])
        and mention.quantity.unit_text == previous.mention.quantity.unit_text
    )
    # "总投资5亿美元中乾盛世通用直升机、2亿美元华睿电池": the list runs on past each item's name.
    named_item = listed and bool(
        re.fullmatch(r"[\u4e00-\u9fffA-Za-z·]{1,14}", text[previous.mention.end : win.clause_start - 1])
    )
    return (
        (listed and (previous.mention.end >= win.clause_start - 2 or named_item))
        or bool(_CONVERTED.search(win.left))
        or nameless
    )


def type_mention(
    mention: QuantityMention,
    doc: CleanDocument,
    cuts: Sequence[int] = (),
    previous: Draft | None = None,
) -> Draft | None:
    """A Draft for a figure, or None when it is not a fact (a size class, points, a rhetorical 两个).

    ``cuts`` are offsets, in order, where a name ends (a region): a metric's name never runs back
    across one.
    ``previous`` is the figure typed just before, which an enumeration or a conversion continues.
    """
    if mention.category or mention.quantity.unit_text == "个百分点":
        return None
    sentence = doc.sentence_at(mention.start)
    text = doc.text
    win = _name_window(
        doc,
        window(text, doc.breaks, mention.start, mention.end, sentence.start, sentence.end),
        sentence,
        mention,
        cuts,
    )
    earlier = window(
        text, doc.breaks, win.clause_start - 1, win.clause_start - 1, sentence.start, sentence.end
    )
    kind = mention.kind
    negative = False
    if _continues(previous, mention, win, text, sentence):
        fact_type, label, scope = previous.type, previous.label, previous.scope
        if fact_type == "foreign_capital" and mention.quantity.currency != "USD" and "资金" in label:
            fact_type = "funds_in_place"  # "境外、省外资金分别为71.2亿美元、3174.7亿元"
    elif kind == "percent":
        # A percentage's clause can hold an earlier figure ("同比增长12.5%和18.2%"): read past it.
        fact_type, label, scope, negative = classify_percent(
            win.left, text[sentence.start : mention.start], mention.quantity.unit_text in ("成", "分之", "倍")
        )
    elif kind == "money":
        fact_type, label, scope = classify_money(win.left, earlier.left)
    elif kind == "area":
        found = AREA.search(win.left)
        fact_type, label, scope = "area", (found.group() if found else "") + "面积", None
        label = label.replace("面积面积", "面积")
    else:
        right = win.right
        following = text[mention.end : mention.end + 20]
        if not HEADS.search(right) and following[:1] not in ("、", "和", "及", "与", "(", ""):
            # "74个投资规模大、质量高的亿元以上项目": the head is past a 、 inside the noun phrase.
            extended = re.split(r"[,;。\d]", following)[0]
            right = extended if HEADS.search(extended) else right
        fact_type, label, scope = classify_count(mention, win.left, right)
        if (
            fact_type == "other_count"
            and previous is not None
            and previous.sentence.index == sentence.index
            and previous.type in ("project_count", "enterprise_count")
            and previous.mention.quantity.unit_text == mention.quantity.unit_text
            and not HEADS.search(label)
        ):
            fact_type = previous.type  # "26个重点工业项目已开工建设17个": still projects
        if mention.chinese and (
            mention.value < 2
            or (
                mention.value < 10
                and (fact_type == "other_count" or not win.right.startswith(("项目", "企业")))
            )
        ):
            return None  # 两个领域, 六个产业方向, 两项指标, 一家: rhetoric, not a figure
    sentence_before = text[sentence.start : mention.start]
    targeted = TARGET.search(win.left) or TARGET_SENTENCE.search(sentence_before)
    measured = kind != "percent" and fact_type != "target"
    if measured and ((targeted and "完成" not in win.left) or _is_target_base(win, text, mention.end)):
        label, fact_type = label + "目标", "target"
    elif kind == "percent" and _TARGET_SHARE.search(win.left):
        fact_type, label = "target", label + "目标"  # (任务数占比60%): the share a target sets
    if fact_type == "foreign_capital" or mention.quantity.currency != "USD":
        pass
    elif fact_type == "funds_in_place" or (fact_type == "other_amount" and _FOREIGN.search(win.left)):
        fact_type = "foreign_capital"  # funds in place counted in dollars are foreign capital
    if scope is None and kind in ("money", "count"):
        scope = industry_in_clause(win.left)
    if scope is None:
        scope = topic_of(doc.paragraphs[sentence.paragraph].text)
        if scope and label in ("企业数", "项目数"):
            label = scope + label
    return Draft(
        mention, fact_type, label, scope, sentence, win, negative, _qualifier(mention, fact_type, win)
    )


def _qualifier(mention: QuantityMention, fact_type: FactType, win: Window) -> str | None:
    qualifier = mention.quantity.qualifier
    if qualifier is None and _AT_LEAST.search(win.left):
        return "以上"  # 不少于500个 says what 500个以上 says
    if qualifier is None and fact_type == "share":
        # "约占全市的四成": the qualifier is written before 占, away from the figure.
        around = QUALIFIED_SHARE.search(win.left)
        return {"约": "约", "近": "近", "超": "超", "超过": "超"}[around.group(1)] if around else None
    return qualifier


def signed_value(draft: Draft) -> tuple[Decimal, Decimal | None]:
    """The value (negative for a decline) and the range's high end, if any."""
    value = draft.mention.quantity.value
    high = draft.mention.high.value if draft.mention.high is not None else None
    if draft.negative and value > 0:
        value = -value
    return value, high
