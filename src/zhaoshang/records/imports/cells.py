"""Reading one spreadsheet cell: text, money, dates, yes/no, whole numbers and choices.

Each reader takes what openpyxl (or a CSV file) gives — str, int, float, datetime, bool or None — and
returns the value to store, or raises `CellError` with the reason in Chinese. An empty cell reads as
None (or "" for text); whether it may be empty is the column's business (`Column.required`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from zhaoshang.lib.amounts import QuantityParseError, parse_money_cell

Reader = Callable[[Any], Any]

EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system (with its 1900 leap-year bug)
_DATE_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
TRUE_WORDS = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "对", "重点"})
FALSE_WORDS = frozenset({"否", "n", "no", "false", "0", "×", "✗", "不是", "非"})
LIST_SEPARATORS = re.compile(r"[、;；,，\n]+")


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in Chinese."""


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def text(value: Any, max_length: int = 200) -> str:
    """Text, trimmed; whole numbers typed into a text column lose Excel's ".0" (3670.0 → "3670")."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = (
        unicodedata.normalize("NFKC", str(value)).strip() if not isinstance(value, str) else value.strip()
    )
    if len(result) > max_length:
        raise CellError(_("内容过长：最多 %(n)d 个字。") % {"n": max_length})
    return result


def text_of(max_length: int) -> Reader:
    return lambda value: text(value, max_length)


def code(value: Any) -> str:
    """A code (USCC, industry or region code): half-width, upper case, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text(value, 100))).upper()


def names(value: Any) -> list[str]:
    """A list written in one cell: 赛力斯集团、小康集团 (、 ; , or new lines)."""
    return [part for part in (p.strip() for p in LIST_SEPARATORS.split(text(value, 2000))) if part]


def money(value: Any, default_unit: str = "万元") -> int | None:
    """Integer yuan (or dollars) from 3.5亿 / 35000万元 / a number in `default_unit`; never negative."""
    if is_blank(value):
        return None
    try:
        amount = parse_money_cell(
            value if not isinstance(value, str) else value.strip(), default_unit=default_unit
        )
    except QuantityParseError as exc:
        raise CellError(str(exc)) from exc
    if amount < 0:
        raise CellError(_("金额不能为负数。"))
    return amount


def money_in(default_unit: str) -> Reader:
    return lambda value: money(value, default_unit)


def _day(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise CellError(
            _("日期“%(value)s”不存在（月份应为 1–12，日应在当月天数以内）。") % {"value": shown}
        ) from exc


def day(value: Any) -> date | None:
    """A date from an Excel date, an Excel serial number, 2022-05-10, 2022/5/10, 2022.5.10, 2022年5月10日 or 20220510."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 19_000_101 <= value <= 21_001_231:  # 20220510 typed as a number
            return day(str(int(value)))
        if 1 <= value <= 73_050:  # Excel serials up to 2099-12-31
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError(_("无法识别的日期“%(value)s”。") % {"value": value})
    shown = unicodedata.normalize("NFKC", str(value)).strip()
    if match := _DATE_RE.match(shown) or _COMPACT_DATE_RE.match(shown):
        result = _day(*(int(g) for g in match.groups()), shown=shown)
        if not 1900 <= result.year <= 2100:
            raise CellError(_("日期“%(value)s”的年份不合理。") % {"value": shown})
        return result
    raise CellError(
        _("无法识别的日期“%(value)s”：请写成 2022-05-10、2022/5/10 或 Excel 日期。") % {"value": shown}
    )


def boolean(value: Any) -> bool | None:
    """是/否 (also Y/N, 1/0, TRUE/FALSE, √/×); an Excel TRUE/FALSE cell as is."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    word = _shown(value).lower()
    if isinstance(value, float) and value.is_integer():
        word = str(int(value))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("应填写“是”或“否”，而不是“%(value)s”。") % {"value": _shown(value)})


def whole(value: Any) -> int | None:
    """A whole number (a year, a count)."""
    if is_blank(value):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise CellError(_("应为整数，而不是“%(value)s”。") % {"value": _shown(value)}) from exc
    if number != number.to_integral_value():
        raise CellError(_("应为整数，而不是“%(value)s”。") % {"value": _shown(value)})
    return int(number)


def choice(options: Iterable[tuple[str, Any]], synonyms: Mapping[str, str] | None = None) -> Reader:
    """One of the labels (or stored values) of a TextChoices: 签约 / signed / 已签约 → "signed"; `synonyms`
    are the other words a sheet uses ({"洽谈中": "negotiating"}, from the kind's vocabulary)."""
    pairs = [(str(value), str(label)) for value, label in options]
    known: dict[str, str] = {}
    for value, label in pairs:
        for word in (value, value.lower(), label, f"已{label}"):
            known.setdefault(word, value)
    values = {value for value, _label in pairs}
    for word, value in (synonyms or {}).items():
        if value not in values:
            raise ValueError(f"synonym {word!r} -> {value!r}: not one of {sorted(values)}")
        known[re.sub(r"\s+", "", unicodedata.normalize("NFKC", word))] = value

    def read(cell: Any) -> str | None:
        if is_blank(cell):
            return None
        word = re.sub(r"\s+", "", unicodedata.normalize("NFKC", _shown(cell)))
        if word in known or word.lower() in known:
            return known.get(word) or known[word.lower()]
        raise CellError(
            _("“%(value)s”不是可选值（可填：%(options)s）。")
            % {"value": word, "options": "、".join(lb for _v, lb in pairs)}
        )

    return read


@lru_cache(maxsize=65_536)  # a file names the same firms again and again
def _check_uscc(value: str) -> str:
    from stdnum.cn import uscc as uscc_std
    from stdnum.exceptions import ValidationError as StdnumError

    try:
        return uscc_std.validate(value)
    except StdnumError as exc:
        raise CellError(
            _("统一社会信用代码“%(value)s”无效：请检查位数与校验位。") % {"value": value}
        ) from exc


def uscc(value: Any) -> str:
    """A unified social credit code (GB 32100-2015), checksum verified; "" when empty."""
    found = code(value)
    return _check_uscc(found) if found else ""


def usccs(value: Any) -> list[str]:
    """Codes listed in one cell in the order of the names beside them; "-" stands for a firm without one."""
    return ["" if part in ("-", "—", "无") else _check_uscc(code(part)) for part in names(value)]
