"""Where and when a figure applies: the period phrases and region names around it.

A figure takes the last period phrase before it in its sentence, else the last one earlier in its
paragraph, else the document's main period (the one named most). Two kinds of phrase are not a
figure's period: 去年同期 (the comparison base of a growth) and 全年 in 全年目标/任务 (the target's year,
which is the period of a target but not of the figures measured against it). A phrase without a year
(全年, 上半年) takes the last year written before it, else the document date's year.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from zhaoshang.lib.extraction.clean import CleanDocument
from zhaoshang.lib.extraction.regions import ResolvedRegion
from zhaoshang.lib.extraction.schema import PeriodRef
from zhaoshang.lib.periods import Period, resolve_period_phrase

_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十])"
_YEAR = r"(?:\d{4}年度?|今年|去年|本年度?|上年)"
_PART = (
    rf"(?:上半年|下半年|前三季度|前[二两]个?季度|第?[一二三四]季度|{_MONTH}(?:-|~|—|–|至|到){_MONTH}月份?"
    rf"|{_MONTH}月份?(?![\d日号底末中初旬])|全年度?)"
)
_PHRASE = re.compile(
    rf"(?=[截\d今去本上下前第一二三四五六七八九十全两])(?:截至(?P<upto>{_MONTH})月(?:底|末)|{_YEAR}{_PART}?|{_PART})"
)
_COMPARISON = re.compile(r"同期")
_TARGET_AFTER = re.compile(r"(?:市级|区级|县级)?(?:目标|任务|计划)")
_DATE_AFTER = re.compile(r"\d{1,2}月\d{1,2}[日号]")
_EXPLICIT_YEAR = re.compile(r"\d{4}|今年|去年|本年|上年")


@dataclass(frozen=True, slots=True)
class PeriodMention:
    start: int
    end: int
    text: str
    period: Period
    target_only: bool  # 全年 in 全年目标: the year of a target


def _reference(phrase: str, document_date: date | None, context_year: int | None) -> date | None:
    if _EXPLICIT_YEAR.match(phrase) and document_date is not None:
        return document_date
    if context_year is not None:
        return date(context_year, 12, 31)
    return document_date


def find_periods(text: str, document_date: date | None) -> list[PeriodMention]:
    mentions: list[PeriodMention] = []
    context_year: int | None = None
    for match in _PHRASE.finditer(text):
        phrase = match.group()
        after = text[match.end() : match.end() + 8]
        if _COMPARISON.match(after) or text[max(0, match.start() - 1) : match.start()] in ("比", "较"):
            continue  # 去年同期, 比一季度: the base of a comparison, not a period a figure belongs to
        if re.fullmatch(_YEAR, phrase) and _DATE_AFTER.match(after):
            continue  # 2022年8月4日 is a date
        if match.group("upto"):
            phrase = f"1-{match.group('upto')}月"  # 截至5月底 counts from 1 January
        reference = _reference(phrase, document_date, context_year)
        if reference is None:
            continue
        period = _resolve(phrase, reference)
        if period is None:
            continue
        if _EXPLICIT_YEAR.match(match.group()):
            context_year = period.year
        target_only = phrase.startswith("全年") and _TARGET_AFTER.match(after) is not None
        mentions.append(PeriodMention(match.start(), match.end(), match.group(), period, target_only))
    return mentions


@functools.lru_cache(maxsize=4096)
def _resolve(phrase: str, reference: date) -> Period | None:
    return resolve_period_phrase(phrase, reference)


@functools.lru_cache(maxsize=1024)
def period_ref(period: Period) -> PeriodRef:
    return PeriodRef(period.start, period.end, period.code, period.name_zh)


def main_period(mentions: list[PeriodMention]) -> Period | None:
    counts = Counter(m.period for m in mentions if not m.target_only)
    if not counts:
        return None
    best = max(counts.values())
    return next(m.period for m in mentions if not m.target_only and counts[m.period] == best)


class Placer:
    """Answers "which period, which region" for any offset of one document, by bisection."""

    def __init__(
        self,
        doc: CleanDocument,
        periods: list[PeriodMention],
        regions: list[ResolvedRegion],
        *,
        main_period: Period | None,
        main_region: str | None,
    ) -> None:
        self.doc = doc
        self._all = periods
        self._measured = [m for m in periods if not m.target_only]
        self._regions = regions
        self._starts = {
            "all": [m.start for m in self._all],
            "measured": [m.start for m in self._measured],
            "regions": [r.start for r in regions],
        }
        self.main_period = main_period
        self.main_region = main_region

    def _last(self, key: str, offset: int) -> int | None:
        """Index of the last item starting before ``offset`` in the offset's sentence or paragraph."""
        starts = self._starts[key]
        index = bisect.bisect_left(starts, offset) - 1
        if index < 0:
            return None
        sentence = self.doc.sentence_at(offset)
        return index if starts[index] >= self.doc.paragraphs[sentence.paragraph].start else None

    def period(self, offset: int, *, is_target: bool) -> Period | None:
        key = "all" if is_target else "measured"
        index = self._last(key, offset)
        if index is None:
            return self.main_period
        return (self._all if is_target else self._measured)[index].period

    def region(self, offset: int) -> str | None:
        index = self._last("regions", offset)
        return self._regions[index].code if index is not None else self.main_region


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
