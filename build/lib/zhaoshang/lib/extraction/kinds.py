"""What kind of figure a clause states, read from its words (DESIGN.md fact types).

A percentage after 同比增长 is a growth, after 占比 a share, after 完成…目标的 a completion; money after
合同投资额 is contract investment, after 到位资金 funds in place, after 实际使用外资 foreign capital; a
count of 项目 is a project count, of 家 or 企业 an enterprise count, of visits (家次, 人次) another count.
Each classifier returns (type, label, scope).
"""

from __future__ import annotations

import re

from zhaoshang.lib.extraction.context import normalise_category, noun_phrase, scope_of, strip_category
from zhaoshang.lib.extraction.numbers import QuantityMention
from zhaoshang.lib.extraction.schema import FactType

# (pattern, type, normalised label), most specific first; searched in the figure's noun phrase.
_MONEY_SPECS: tuple[tuple[str, FactType, str], ...] = (
    (r"合同外资(?:金额)?", "foreign_capital", "合同外资"),
    (r"注册外资(?:金额)?", "foreign_capital", "注册外资"),
    (r"实际(?:使用|利用)外资|(?:使用|利用)外资|外商直接投资", "foreign_capital", "实际使用外资"),
    (
        r"外资实际到账|实际到账外资|外资到位|(?:实际)?到位外资|到账外资|外资实际到位",
        "foreign_capital",
        "实际到位外资",
    ),
    (r"协议(?:外资|台资|港资)|到账(?:台资|港资)", "foreign_capital", "{}"),
    (r"(?:实际)?(?:利用|使用)内资|到位内资", "funds_in_place", "实际到位内资"),
    (
        r"(?:实际)?到位(?:[\u4e00-\u9fff]{0,4}?)资金|资金到位|实际到位|实际(?:利用|使用|投入)[\u4e00-\u9fff]{0,4}?资金"
        r"|实际引资|注入[\u4e00-\u9fff]{0,4}?资金|入资|进资|到资|到位$",
        "funds_in_place",
        "实际到位资金",
    ),
    (r"合同投资额?|合同(?:总)?金额|合同引资额?", "investment_amount", "合同投资额"),
    (r"协议(?:总)?投资额?|协议(?:总)?金额|协议引资额?", "investment_amount", "协议投资额"),
    (r"签约(?:总)?金额|签约投资额?|签约额|签约资金|签约引资", "investment_amount", "签约投资额"),
    (
        r"协议(?:签约)?资金(?:额)?|协议引资|合同[\u4e00-\u9fff]{0,6}?资金",
        "investment_amount",
        "协议投资额",
    ),
    (r"固定资产投资额?|固投", "investment_amount", "固定资产投资额"),
    (r"(?:计划)?总投资额?|投资总额", "investment_amount", "总投资额"),
    (r"投资额|投资规模|计划投资|拟投资|引资额|投资", "investment_amount", "投资额"),
    (r"进出口(?:总)?额|出口额|进口额|外贸[\u4e00-\u9fff]{0,4}额", "other_amount", "{}"),
    (
        r"[\u4e00-\u9fff]{0,4}(?:产值|营业收入|营收|收入|税收|利润|增加值|销售额|交易额)",
        "other_amount",
        "{}",
    ),
)
_MONEY: list[tuple[re.Pattern[str], FactType, str]] = [
    (re.compile(p), t, label) for p, t, label in _MONEY_SPECS
]
HEADS = re.compile(r"项目|企业|公司|市场主体|总部|机构|商户|工商户|厂商")
_GROWTH_TAIL = re.compile(
    r"(?:同比|环比|比上年|较上年|比去年同期|较去年同期|较去年)?(?:增长|增加|提高|提升|上升|下降|减少|降低|回落|增幅|增速|降幅)"
    r"(?:了|为|达|达到)?$"
)
_GROWTH_ANY = re.compile(r"增长|增幅|增速|下降|降幅|减少")
_DECLINE = re.compile(r"下降|减少|降低|回落|降幅")
_LEVEL = re.compile(r"(?:提升|提高|增长|增加|上升|下降|降低)(?:至|到)$")
_COMPLETION = re.compile(r"完成(?P<what>[^,;。]*?(?:目标|任务|计划)[^,;。]*?)的?$")
TARGET = re.compile(r"目标|任务|力争|争取|计划(?!总投资|投资)")
# Words before a sentence's figures that make them all targets ("工作目标为:…", "到2025年,…").
TARGET_SENTENCE = re.compile(r"目标(?:任务)?(?:为|是)|力争|争取|确保|到20\d\d年")
_PERIOD_WORDS = re.compile(r"全年度?|年度|今年|本年度?")
_STAGE = re.compile(r"^新(?=签约|开工|投产|落地|注册)")
QUALIFIED_SHARE = re.compile(r"(约|近|超过|超)占")
AREA = re.compile(r"占地|用地|土地|建筑面积|厂房|面积")
_INDUSTRY = re.compile(
    r"制造|工业|服务|数字|经济|医药|生物|健康|能源|汽车|电池|化工|电子|信息|材料|装备|光伏|半导体|物流|旅|金融|农业|食品"
    r"|零部件|纺织|服装|软件|算力|数据|智能|机器人|航空|船舶|钢铁|建材|冶金|有色|石化|家居|商贸|消费|康养|储能|氢能|芯片"
    r"|集成电路|显示|环保|节能|文化|总部"
)
_OTHER_UNITS = frozenset({"条", "次", "批", "批次", "场", "人", "人次", "届", "台", "轮"})
_SCOPE_TAIL = re.compile(r"(?:产业链|产业|领域|行业|类|板块)$")
_BREAK = re.compile(r"[,。;]")
_MONEY_FIGURE = re.compile(r"\d(?:万|亿)?(?:美)?元")
_INDUSTRY_WORD = re.compile(r"产业链|产业|领域|行业")
_LEADING_STAGE = re.compile(r"^(?:新签约|签约|新开工|开工|投产|落地|引进|招引|新增)")


def _find_money_keyword(text: str, *, first_rule: bool) -> tuple[re.Match[str], FactType, str] | None:
    """In a noun phrase the most specific rule wins; in free text the keyword nearest the figure."""
    best: tuple[re.Match[str], FactType, str] | None = None
    for pattern, fact_type, label in _MONEY:
        for found in pattern.finditer(text):
            if best is None or found.end() > best[0].end():
                best = (found, fact_type, label)
        if best is not None and first_rule:
            return best
    return best


def classify_money(left: str, previous_left: str) -> tuple[FactType, str, str | None]:
    phrase = noun_phrase(left)
    found = _find_money_keyword(phrase, first_rule=True)
    if found is not None:
        match, fact_type, label = found
        label = phrase[: match.start()].removeprefix("实际") + label.format(match.group())
        return fact_type, label, scope_of(phrase[: match.end()])
    # The name may sit earlier in the clause ("投资额方面,完成…") or, when that clause holds no
    # amount of its own, in the clause before ("实际使用外资同比增长21.3%,达到26.8亿美元").
    sources = [left] + ([previous_left] if not _MONEY_FIGURE.search(previous_left) else [])
    for text in sources:
        found = _find_money_keyword(text, first_rule=False)
        if found is not None:
            match, fact_type, label = found
            return fact_type, label.format(match.group()), scope_of(match.group())
    return "other_amount", (phrase or "金额"), scope_of(phrase)


def _scope_from_modifier(phrase: str, head: str) -> str | None:
    scope = scope_of(phrase)
    if scope:
        return scope
    modifier = _SCOPE_TAIL.sub("", phrase[: phrase.rfind(head)] if head else phrase)
    modifier = _LEADING_STAGE.sub("", _SCOPE_TAIL.sub("", modifier))
    return modifier if len(modifier) >= 2 and _INDUSTRY.search(modifier) else None


def industry_in_clause(left: str) -> str | None:
    """ "生物医药产业集聚企业…": the industry sits before the verb, outside the noun phrase."""
    for found in _INDUSTRY_WORD.finditer(left):
        industry = noun_phrase(left[: found.start()])
        if len(industry) >= 2 and _INDUSTRY.search(industry):
            return _LEADING_STAGE.sub("", industry)
    return None


def classify_count(mention: QuantityMention, left: str, right: str) -> tuple[FactType, str, str | None]:
    visits = right.startswith("次")  # 走访企业186家次, 300余人次: visits, not enterprises or people
    head_after = HEADS.search(right[:20])
    # "14个产业集群项目337个": the first count counts the clusters, the second the projects.
    counts_modifier = bool(head_after and re.match(r"\d", right[head_after.end() :]))
    if head_after and not _BREAK.search(right, 0, head_after.start()):
        phrase = noun_phrase(right[: head_after.end()])
    else:
        phrase = noun_phrase(left)
    phrase = _STAGE.sub("", strip_category(phrase))
    heads = list(HEADS.finditer(phrase))
    head = heads[-1] if heads else None  # the last noun heads the phrase: 项目公司 is a company
    if visits:
        fact_type: FactType = "other_count"
        phrase = phrase + mention.quantity.unit_text + "次"
    elif counts_modifier or mention.quantity.unit_text in _OTHER_UNITS:
        fact_type = "other_count"
    elif head and head.group() == "项目":
        fact_type = "project_count"
    elif head or mention.quantity.unit_text.endswith("家"):
        fact_type = "enterprise_count"
    elif mention.quantity.unit_text == "项":  # "已开工18项": 项 counts projects
        fact_type = "project_count"
    else:
        fact_type = "other_count"
    if not phrase:
        phrase = {"project_count": "项目", "enterprise_count": "企业"}.get(fact_type, "")
    scope = _scope_from_modifier(phrase, head.group() if head else "")
    # "投资超10亿元的项目11个": the size class sits before 的, outside the noun phrase.
    return fact_type, phrase + "数", scope or normalise_category(left)


def classify_percent(left: str, clause_left: str, share_word: bool) -> tuple[FactType, str, str | None, bool]:
    completion = _COMPLETION.search(left)
    if completion:
        what = _PERIOD_WORDS.sub("", completion.group("what")).strip("的")
        return "completion_rate", what + "完成率", scope_of(what), False
    if "完成率" in left or "完成进度" in left:
        phrase = noun_phrase(left[: left.rfind("完成")])
        return "completion_rate", phrase + "完成率", scope_of(phrase), False
    if _LEVEL.search(left):
        phrase = noun_phrase(_LEVEL.sub("", left))
        return "rate", phrase or "比率", scope_of(phrase), False
    tail = _GROWTH_TAIL.search(left[-10:])
    if tail:
        phrase = noun_phrase(left[: len(left) - len(tail.group())])
        label = (phrase + "同比增长率") if phrase else "同比增长率"
        return "growth_rate", label, scope_of(phrase), bool(_DECLINE.search(tail.group()))
    if "占" in left or "比重" in left or share_word:  # 六成, 三分之一 are parts of a whole
        share_of = noun_phrase(left[: left.rfind("占")]) if "占" in left else ""
        return "share", (share_of + "占比") if share_of else "占比", scope_of(share_of), False
    if "率" in left:
        phrase = noun_phrase(left[: left.rfind("率") + 1])
        return "rate", phrase, scope_of(phrase), False
    growth = _GROWTH_ANY.search(clause_left)
    if growth:
        return "growth_rate", "同比增长率", None, bool(_DECLINE.search(growth.group()))
    phrase = noun_phrase(left)
    return "rate", phrase or "比率", scope_of(phrase), False
