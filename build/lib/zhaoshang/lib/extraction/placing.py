"""Where and when a figure applies: the period phrases and region names around it.

Periods. A figure takes the last period phrase before it in its sentence, else the last one earlier in
its paragraph, else the last one earlier in the document (a paragraph's period carries into the
paragraphs after it until another is named), else the document's main period. Two kinds of phrase are
not a figure's period: 去年同期 (the comparison base of a growth) and 全年 in 全年目标/任务 (the target's
year, which is the period of a target but not of the figures measured against it); 今年以来 names no
period of its own. A period is never widened: a bare year (本年, 今年) after a narrower period of the
same year in one sentence keeps the narrower one, and the main period prefers the named months to
the bare year that contains them. A phrase without a year (全年, 上半年) takes the last year written
before it, else the document date's year; with neither, the months are kept and the year is unknown
("????H1").

Regions. A figure takes the region named in its own clause ("其中潍坊5个、聊城3个"), else a region that
opens its sentence, else one that opened an earlier sentence of the paragraph, else the document's
region. A venue ("在九龙坡区举行") is never a figure's subject, and when the document's source region is
known (the uploader's district, --region, the publisher), neither is a place outside it (the partner
or origin of an investment: "与北京市昌平区签署", "北京市实际投入我省资金…"). 我区/全区/我市/全市/
我县/全省… name the source region (全市 in a district's document is its city).
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from zhaoshang.lib.extraction.clean import CleanDocument
from zhaoshang.lib.extraction.regions import ResolvedRegion
from zhaoshang.lib.extraction.schema import PeriodRef
from zhaoshang.lib.periods import Period, parse_period, resolve_period_phrase

_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十])"
_YEAR = r"(?:\d{4}年度?|今年|去年|本年度?|上年)"
_PART = (
    rf"(?:上半年|下半年|前三季度|前[二两]个?季度|第?[一二三四]季度|首季度?|{_MONTH}月?(?:-|~|—|–|至|到){_MONTH}月份?"
    rf"|{_MONTH}月份?(?![\d日号底末中初旬])|全年度?)"
)
_PHRASE = re.compile(
    rf"(?=[截\d今去本上下前第一二三四五六七八九十全两首])(?:(?P<span>\d{{4}})年(?P<m1>\d{{1,2}})月(?:至|到|—|-|~)(?P<y2>\d{{4}})年(?P<m2>\d{{1,2}})月(?!\d)"
    rf"|截[至止]到?(?P<upto>{_MONTH})月(?:份|底|末)?(?![\d日号])"
    rf"|前(?P<months>{_MONTH}|[两二])个月|{_YEAR}{_PART}?|{_PART})"
)
_SINCE = re.compile(r"以来")
_LOOSE_YEAR = frozenset({"今年", "本年", "本年度", "当年"})  # a year that may mean "so far this year"
_UNKNOWN_YEAR = 2000  # months without a year are resolved in this placeholder year, then marked unknown
_COMPARISON = re.compile(r"同期")
_TARGET_AFTER = re.compile(r"(?:市级|区级|县级)?(?:目标|任务|计划)")
_TARGET_IN_CLAUSE = re.compile(r"^[\d.亿万元美个家项]*[\u4e00-\u9fff]{0,8}?(?:目标|任务)")
_DATE_AFTER = re.compile(r"\d{1,2}月\d{1,2}[日号]")
_CLAUSE = re.compile(r"[^,;。]{0,16}")  # the clause after a period, up to 16 characters
_EXPLICIT_YEAR = re.compile(r"\d{4}|今年|去年|本年|上年")


@dataclass(frozen=True, slots=True)
class PeriodMention:
    start: int
    end: int
    text: str
    period: Period
    target_only: bool  # 全年 in 全年目标: the year of a target
    year_known: bool = True


def _reference(phrase: str, document_date: date | None, context_year: int | None) -> tuple[date, bool]:
    """The date a phrase is resolved against, and whether its year is known."""
    if re.match(r"\d{4}", phrase):
        return date(int(phrase[:4]), 12, 31), True
    if _EXPLICIT_YEAR.match(phrase):  # 今年, 去年: only the document date says which year
        return (document_date, True) if document_date else (date(_UNKNOWN_YEAR, 12, 31), False)
    if context_year is not None:
        return date(context_year, 12, 31), True
    if document_date is not None:
        return document_date, True
    return date(_UNKNOWN_YEAR, 12, 31), False


def find_periods(text: str, document_date: date | None) -> list[PeriodMention]:
    mentions: list[PeriodMention] = []
    context_year: int | None = None
    for match in _PHRASE.finditer(text):
        phrase = match.group()
        after = text[match.end() : match.end() + 8]
        if match.group("span"):  # 2018年1月至2019年9月
            first, last = int(match.group("m1")), int(match.group("m2"))
            years = int(match.group("span")), int(match.group("y2"))
            if 1 <= first <= 12 and 1 <= last <= 12 and years[0] <= years[1]:
                code = f"{years[0]}-{first:02d}-01..{years[1]}-{last:02d}-{calendar.monthrange(years[1], last)[1]:02d}"
                span = parse_period(code)
                mentions.append(PeriodMention(match.start(), match.end(), phrase, span, False, True))
                context_year = years[1]
            continue
        if re.search(r"[\d年][-—~至到]$", text[max(0, match.start() - 2) : match.start()]):
            continue  # 2020年 in (2018-2020年): the end of a plan's span, not a period of figures
        if re.match(r"[^,;。]{0,8}以来", after) and re.fullmatch(_YEAR, phrase):
            continue  # 2019年内资统计以来: since when, not a period
        if _COMPARISON.match(after) or text[max(0, match.start() - 1) : match.start()] in ("比", "较"):
            continue  # 去年同期, 比一季度: the base of a comparison, not a period a figure belongs to
        if re.fullmatch(_YEAR, phrase) and (_DATE_AFTER.match(after) or _SINCE.match(after)):
            continue  # 2022年8月4日 is a date; 今年以来 names no period of its own
        if match.group("upto"):
            phrase = f"1-{match.group('upto')}月"  # 截至5月底 counts from 1 January
        elif match.group("months"):
            phrase = f"1-{match.group('months')}月".replace("两", "2").replace("二", "2")  # 前10个月
        reference, known = _reference(phrase, document_date, context_year)
        period = _resolve(phrase, reference)
        if period is None:
            continue
        if _EXPLICIT_YEAR.match(match.group()) and known:
            context_year = period.year
        found = _CLAUSE.match(text, match.end())  # always matches, possibly empty
        clause = found.group() if found else ""
        target_only = phrase.startswith("全年") and (
            _TARGET_AFTER.match(after) is not None or _TARGET_IN_CLAUSE.search(clause) is not None
        )
        mentions.append(PeriodMention(match.start(), match.end(), match.group(), period, target_only, known))
    return mentions


@functools.lru_cache(maxsize=4096)
def _resolve(phrase: str, reference: date) -> Period | None:
    return resolve_period_phrase(phrase, reference)


@functools.lru_cache(maxsize=1024)
def period_ref(period: Period, year_known: bool = True) -> PeriodRef:
    if year_known:
        return PeriodRef(period.start, period.end, period.code, period.name_zh)
    year = str(period.year)
    return PeriodRef(None, None, period.code.replace(year, "????"), f"{period.short_zh}（年份不详）")


def _narrows(narrow: PeriodMention, wide: PeriodMention) -> bool:
    """``narrow`` names months inside the bare year ``wide`` names (截至10月 … 本年)."""
    return (
        wide.period.kind == "year"
        and narrow.period.kind != "year"
        and narrow.year_known == wide.year_known
        and narrow.period.year == wide.period.year
    )


def main_period(mentions: list[PeriodMention]) -> PeriodMention | None:
    """The period named most; a bare year gives way to the named months inside it."""
    measured = [m for m in mentions if not m.target_only]
    measured = [m for m in measured if not any(_narrows(n, m) for n in measured)] or measured
    counts = Counter((m.period, m.year_known) for m in measured)
    if not counts:
        return None
    best = max(counts.values())
    return next(m for m in measured if counts[(m.period, m.year_known)] == best)


class Placer:
    """Answers "which period, which region" for any offset of one document, by bisection."""

    def __init__(
        self,
        doc: CleanDocument,
        periods: list[PeriodMention],
        regions: list[ResolvedRegion],
        *,
        main_period: PeriodMention | None,
        main_region: str | None,
        subjects: list[bool] | None = None,
    ) -> None:
        self.doc = doc
        self._all = periods
        self._measured = [m for m in periods if not m.target_only]
        # Regions that may be a figure's subject (not a venue, not a place outside the source region).
        self._regions = [r for r, ok in zip(regions, subjects or [True] * len(regions), strict=True) if ok]
        self._starts = {
            "all": [m.start for m in self._all],
            "measured": [m.start for m in self._measured],
            "regions": [r.start for r in self._regions],
        }
        self.main_period = main_period
        self.main_region = main_region
        self._figure_starts: list[int] = []

    def set_figures(self, starts: list[int]) -> None:
        """The offsets of every figure, in order: a region opens its sentence when none precedes it."""
        self._figure_starts = starts

    def period(self, offset: int, *, is_target: bool) -> PeriodMention | None:
        key = "all" if is_target else "measured"
        mentions = self._all if is_target else self._measured
        starts = self._starts[key]
        index = bisect.bisect_left(starts, offset) - 1
        if index < 0:
            return self.main_period
        chosen = mentions[index]
        sentence = self.doc.sentence_at(offset)
        # Never widen: "截至10月,…本年到位资金99.5亿元" keeps 1-10月 (全年 and a target's year are meant).
        earlier = index - 1
        loose = not is_target and chosen.text in _LOOSE_YEAR
        while loose and earlier >= 0 and mentions[earlier].start >= sentence.start:
            if _narrows(mentions[earlier], chosen):
                chosen = mentions[earlier]
                break
            earlier -= 1
        if (
            loose
            and self.main_period
            and _narrows(self.main_period, chosen)
            and chosen.start < sentence.start
        ):
            return self.main_period
        return chosen

    def _opens(self, region: ResolvedRegion) -> bool:
        sentence = self.doc.sentence_at(region.start)
        index = bisect.bisect_left(self._figure_starts, region.start) - 1
        return index < 0 or self._figure_starts[index] < sentence.start

    def region(self, offset: int) -> str | None:
        index = bisect.bisect_left(self._starts["regions"], offset) - 1
        sentence = self.doc.sentence_at(offset)
        paragraph = self.doc.paragraphs[sentence.paragraph]
        before = bisect.bisect_left(self.doc.breaks, offset)
        clause_start = self.doc.breaks[before - 1] + 1 if before else 0
        while index >= 0:
            region = self._regions[index]
            if region.start < paragraph.start:
                break
            if region.start >= clause_start or self._opens(region):
                return region.code
            index -= 1
        return self.main_region


def main_region(
    regions: list[ResolvedRegion], title_regions: list[ResolvedRegion], levels: dict[str, int]
) -> str | None:
    """The region named most (a title mention counts twice); ties go to the more specific level."""
    counts: Counter[str] = Counter(r.code for r in regions)
    for region in title_regions:
        counts[region.code] += 2
    if not counts:
        return None
    first_seen = {r.code: i for i, r in reversed(list(enumerate(title_regions + regions)))}
    return max(counts, key=lambda code: (counts[code], levels.get(code, 0), -first_seen[code]))
