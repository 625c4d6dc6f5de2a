"""Reporting periods: their codes, their Chinese names, and what they mean for the metrics.

Codes (parse_period reads them, Period.code writes them; both ends of every period are inclusive):
    2022                     year                 2022年           全年
    2022H1, 2022H2           half                 2022年上半年     上半年
    2022Q1 … 2022Q4          quarter              2022年第三季度   三季度
    2022-05                  month                2022年5月        5月
    2022-06YTD               year to date         2022年1-6月      1-6月 (一季度, 上半年, 前三季度, 全年
                             (1 Jan .. 30 Jun)                               for YTD to Mar, Jun, Sep, Dec)
    2022-01-01..2022-06-30   any date range       2022年1月1日至6月30日

Rules
    - A range stays a range even when it spans a whole month: the code records how the period was
      asked for. Compare (start, end) to compare spans.
    - time_progress (DESIGN.md "Metrics"): an end on the last day of a month gives months / 12
      (H1 = 0.5 exactly, Q3 = 0.75, 2022-05 = 5/12); any other end gives day of year / days in year.
    - previous_year: named periods give the same named period a year earlier; ranges move both dates,
      29 February becomes 28 February, and an end on the last day of a month stays on the last day.
    - year_to_date: 1 January of the end's year to the end (a YTD code when the end is a month end).
    - resolve_period_phrase: a phrase without a year takes the document date's year (上半年 in a
      release of 2022-08-04 is 2022H1, 下半年 is 2022H2); 今年/本年 is that whole year, 去年/上年 the
      one before; 1-6月 is a year to date; unknown phrases give None.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

KINDS = ("year", "half", "quarter", "month", "ytd", "range")
_FORMATS = "2022、2022H1、2022Q3、2022-05、2022-06YTD、2022-01-01..2022-06-30"
_QUARTERS_ZH = "一二三四"
_YTD_SHORT = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}


class PeriodParseError(ValueError):
    """A text that is not a period this module can read; the message is shown to users."""


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _is_month_end(day: date) -> bool:
    return day == _month_end(day.year, day.month)


def _day_zh(day: date) -> str:
    return f"{day.month}月{day.day}日"


@dataclass(frozen=True, order=True)
class Period:
    """A span of days, both ends inclusive, with the kind and code it was named by."""

    start: date
    end: date
    kind: str
    code: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"未知的期间类型：“{self.kind}”")
        if self.start > self.end:
            raise ValueError(f"期间的开始日期晚于结束日期：{self.start}..{self.end}")

    def __str__(self) -> str:
        return self.code

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def index(self) -> int:
        """Which half, quarter or month (the month a YTD runs to); 1 for a year or a range."""
        if self.kind == "half":
            return 1 if self.end.month == 6 else 2
        if self.kind == "quarter":
            return self.end.month // 3
        return self.end.month if self.kind in ("month", "ytd") else 1

    @property
    def name_zh(self) -> str:
        """The full Chinese name: 2022年上半年, 2022年1-6月, 2022年1月1日至6月30日."""
        if self.kind == "range":
            if self.start == self.end:
                return f"{self.start.year}年{_day_zh(self.start)}"
            if self.start.year == self.end.year:
                return f"{self.year}年{self.short_zh}"
            return f"{self.start.year}年{_day_zh(self.start)}至{self.end.year}年{_day_zh(self.end)}"
        if self.kind == "year":
            return f"{self.year}年"
        if self.kind == "quarter":
            return f"{self.year}年第{_QUARTERS_ZH[self.index - 1]}季度"
        if self.kind == "ytd":
            return f"{self.year}年{'1' if self.index == 1 else f'1-{self.index}'}月"
        return f"{self.year}年{self.short_zh}"

    @property
    def short_zh(self) -> str:
        """The name a briefing uses once the year is known: 上半年, 一季度, 前三季度, 1-5月, 5月, 全年."""
        if self.kind == "year":
            return "全年"
        if self.kind == "half":
            return "上半年" if self.index == 1 else "下半年"
        if self.kind == "quarter":
            return f"{_QUARTERS_ZH[self.index - 1]}季度"
        if self.kind == "month":
            return f"{self.index}月"
        if self.kind == "ytd":
            return _YTD_SHORT.get(self.index, f"{'1' if self.index == 1 else f'1-{self.index}'}月")
        if self.start == self.end:
            return _day_zh(self.start)
        if self.start.year != self.end.year:
            return self.name_zh
        return f"{_day_zh(self.start)}至{_day_zh(self.end)}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def time_progress(self) -> Decimal:
        """The elapsed part of the year at the period end ("时序进度"): H1 → 0.5, 2022-05 → 5/12."""
        if _is_month_end(self.end):
            # Bureaus count progress in months: H1 is 50%, not 181/365 = 49.6%.
            return Decimal(self.end.month) / 12
        days_in_year = 366 if calendar.isleap(self.end.year) else 365
        return Decimal(self.end.timetuple().tm_yday) / days_in_year

    def previous_year(self, years: int = 1) -> Period:
        """The same period `years` earlier, for year-on-year growth (同比)."""
        if self.kind != "range":
            return period_for(self.kind, self.year - years, self.index)
        return _range(_shift(self.start, years, False), _shift(self.end, years, _is_month_end(self.end)))

    def year_to_date(self) -> Period:
        """1 January of the end's year .. the end: what completion against an annual target counts."""
        if _is_month_end(self.end):
            return period_for("ytd", self.year, self.end.month)
        return _range(date(self.year, 1, 1), self.end)

    def months(self) -> list[Period]:
        """The months covered, in order; months the period only partly covers come back clipped ranges."""
        result = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            whole = period_for("month", year, month)
            if whole.start >= self.start and whole.end <= self.end:
                result.append(whole)
            else:
                result.append(_range(max(whole.start, self.start), min(whole.end, self.end)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result

    def year_period(self) -> Period:
        return period_for("year", self.year)


def _shift(day: date, years: int, keep_month_end: bool) -> date:
    year = day.year - years
    last = calendar.monthrange(year, day.month)[1]
    return date(year, day.month, last if keep_month_end else min(day.day, last))


def _range(start: date, end: date) -> Period:
    return Period(start, end, "range", f"{start.isoformat()}..{end.isoformat()}")


def period_for(kind: str, year: int, index: int = 1) -> Period:
    """A named period: period_for("half", 2022, 1) is 2022H1; for "ytd" the index is the last month."""
    limits = {"year": 1, "half": 2, "quarter": 4, "month": 12, "ytd": 12}
    if kind not in limits:
        raise PeriodParseError(f"未知的期间类型：“{kind}”（可用：{'、'.join(limits)}）")
    if not 1 <= index <= limits[kind] or not 1 <= year <= 9999:
        raise PeriodParseError(f"期间超出范围：{kind} {year} {index}")
    if kind == "year":
        return Period(date(year, 1, 1), date(year, 12, 31), kind, f"{year:04d}")
    if kind == "half":
        first = 6 * index - 5
        return Period(date(year, first, 1), _month_end(year, first + 5), kind, f"{year:04d}H{index}")
    if kind == "quarter":
        first = 3 * index - 2
        return Period(date(year, first, 1), _month_end(year, first + 2), kind, f"{year:04d}Q{index}")
    if kind == "month":
        return Period(date(year, index, 1), _month_end(year, index), kind, f"{year:04d}-{index:02d}")
    return Period(date(year, 1, 1), _month_end(year, index), kind, f"{year:04d}-{index:02d}YTD")


_CODES: list[tuple[str, re.Pattern[str]]] = [
    ("year", re.compile(r"(\d{4})")),
    ("half", re.compile(r"(\d{4})H([12])", re.IGNORECASE)),
    ("quarter", re.compile(r"(\d{4})Q([1-4])", re.IGNORECASE)),
    ("month", re.compile(r"(\d{4})-(\d{1,2})")),
    ("ytd", re.compile(r"(\d{4})-(\d{1,2})YTD", re.IGNORECASE)),
]
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def parse_period(text: str) -> Period:
    """Read a period code (see the module docstring); raises PeriodParseError with a Chinese message."""
    error = PeriodParseError(f"无法识别的期间：“{text}”（可用格式：{_FORMATS}）")
    if not isinstance(text, str):
        raise error
    code = _clean(text)
    if match := _RANGE.fullmatch(code):
        try:
            start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
        except ValueError as exc:  # 2022-02-30
            raise error from exc
        if start > end:
            raise PeriodParseError(f"期间的开始日期晚于结束日期：“{text}”")
        return _range(start, end)
    for kind, pattern in _CODES:
        if match := pattern.fullmatch(code):
            try:
                return period_for(kind, int(match[1]), int(match[2]) if kind != "year" else 1)
            except PeriodParseError as exc:  # 2022-13, year 0000
                raise error from exc
    raise error


_CN_MONTH_NAMES = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
_CN_MONTHS = {name: n for n, name in enumerate(_CN_MONTH_NAMES, 1)} | {"两": 2}
_MONTH = r"(1[0-2]|0?[1-9]|十[一二]|[一二两三四五六七八九十])"
_YEAR_WORDS = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2, "明年": 1}
_PHRASE = re.compile(
    rf"(?:(?P<digits>\d{{4}})年度?|(?P<chinese>[〇零一二三四五六七八九]{{4}})年度?|(?P<word>{'|'.join(_YEAR_WORDS)})度?)?"
    r"(?P<rest>.*)"
)
_CN_DIGITS = {c: str(n) for n, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else _CN_MONTHS[text]


def resolve_period_phrase(phrase: str, reference: date) -> Period | None:
    """Resolve 上半年, 一季度, 前三季度, 1-6月, 5月, 全年, 今年, 去年, 2022年上半年 … against a document date.

    A phrase without a year takes the reference date's year; None for phrases it does not know.
    """
    text = _clean(phrase)
    if not text:
        return None
    try:
        return parse_period(text)
    except PeriodParseError:
        pass
    match = _PHRASE.fullmatch(text)
    if match is None:  # pragma: no cover - the pattern ends in .*, it always matches
        return None
    if match["digits"]:
        year = int(match["digits"])
    elif match["chinese"]:
        year = int("".join(_CN_DIGITS[c] for c in match["chinese"]))
    else:
        year = reference.year + _YEAR_WORDS.get(match["word"] or "今年", 0)
    rest = match["rest"]
    if not 1 <= year <= 9999:
        return None
    if rest in ("全年", "全年度", ""):  # "" is a bare year: 2021年, 今年, 去年
        return period_for("year", year)
    if rest in ("上半年", "下半年"):
        return period_for("half", year, 1 if rest == "上半年" else 2)
    if found := re.fullmatch(r"第?([一二三四1-4首])季度?|Q([1-4])", rest, re.IGNORECASE):
        token = found[1] or found[2]
        index = 1 if token == "首" else int(token) if token.isdigit() else _QUARTERS_ZH.index(token) + 1
        return period_for("quarter", year, index)
    if found := re.fullmatch(r"前([二两三])个?季度", rest):
        return period_for("ytd", year, 6 if found[1] in "二两" else 9)
    if found := re.fullmatch(rf"{_MONTH}月?(?:-|~|至|到|—|–){_MONTH}月份?", rest):
        first, last = _month_number(found[1]), _month_number(found[2])
        if first > last:
            return None
        if first == 1:
            return period_for("ytd", year, last)
        return _range(date(year, first, 1), _month_end(year, last))
    if found := re.fullmatch(rf"{_MONTH}月份?", rest):
        return period_for("month", year, _month_number(found[1]))
    return None
