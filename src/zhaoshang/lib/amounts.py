"""Chinese figures: read them, write them, and say which true values a written figure admits.

The one module for amounts and phrases (DESIGN.md "Writing numbers in Chinese"): pages, exports and
briefings write with it, intake reads press releases back with it, and the fact check compares with
`admitted_range`. Money is integer yuan (or Decimal), never float.

Reading (`parse_quantity`; `parse_amount` / `parse_percent` / `parse_count` insist on one kind)
    [qualifier] number [余|多] [万|亿|万亿] [余|多] unit [以上|左右|余|多]
    number: Arabic ("32,050", "3.5"; full-width digits and ％ are folded) or Chinese ("五十",
    "三百二十", "一百零九", "两千", "三亿五千万"), or 百分之… for percentages.
    units: money 元/美元 with 万/亿/万亿 (a bare 亿 is 亿元); percent % and 个百分点; counts
    个 家 项 户 次 人 名 件 台 辆 座 条 批 所 场; area 亩, 平方米 (平米, m²), 公顷, 平方公里, stored in 亩
    (1亩 = 10000/15 平方米, so 1 平方米 = 0.0015 亩 exactly).
    qualifiers, canonical form first: 超 (超过, 超出), 近 (接近, 将近, 近乎), 约 (大约, …左右),
    达 (达到, 高达, 多达), 逾, 突破, and the suffixes 余, 多, 以上. 达/约 followed by 余/多/以上 keep the
    suffix ("达300余家" is 300余); any other pair is refused, and so is a qualified 0 other than 约/达.

Writing money (`format_amount`)
    unit: ≥ 1亿 → 亿元, else ≥ 1万 → 万元, else 元 (USD: 亿美元, 万美元, 美元). When rounding lifts a
    figure to 10000 of its unit it moves up a unit ("近1亿元", never "近10000万元").
    exact: at most two decimals, trailing zeros trimmed: 32,050,000,000 → "320.5亿元".
    headline: v in that unit, step = 1 when v ≥ 10 else 0.1.
        v a multiple of step                      → "122亿元"
        v ≥ the next multiple − 0.05·step         → "近{next multiple}"  (31,996,000,000 → "近320亿元")
        otherwise                                 → "超{v floored to step}" (32,050,000,000 → "超320亿元")
        (if that floor is 0 the exact form is written: "超0元" says nothing)
Writing percentages (`format_percent`)
    exact: nearest whole percent (or `places` decimals), ROUND_HALF_UP, no qualifier: 1.0893 → "109%".
    headline (for shares): r = x rounded to a multiple of 10%; when r > 0:
        |x − r| < 0.0005 → "40%";  r − 0.025 ≤ x < r → "近40%";  r < x ≤ r + 0.025 → "超40%";
    otherwise (and always when r = 0, where "超0%" would say nothing) the exact form, prefixed 约 when
    rounding changed the value (one decimal below 1%): 0.381 → "近40%", 0.42 → "超40%", 0.33 → "33%",
    0.071 → "约7%", 0.0031 → "约0.3%".

Admitted range (`admitted_range`, the fact-check tolerance; a closed interval in normalised units)
    X is the figure as written, s one unit of its last written digit ("320" → 1, "3.5" → 0.1: trailing
    zeros count), g the place of its last non-zero digit ("300" → 100, "50" → 10), and the band
    b = max(5% of X, s), for percentages at least 2.5 percentage points.
        X                      [X − s/2, X + s/2]       "122亿元" → [121.5亿, 122.5亿]; "109%" → [1.085, 1.095]
        约X, X左右              [X − b, X + b]
        近X                    [X − b, X]               "近40%" → [0.375, 0.4]
        超X, 逾X, 突破X, X以上  [X, X + b]               "超320亿元" → [320亿, 336亿]
        达X                    [X − s/2, X + b]
        X余, X多               [X, X + g]               "300多亿元" → 300亿..400亿, "50余个" → 51..60
    Bounds are closed (a checker that needs 超's strictness has the qualifier). Counts are whole, so
    their bounds round inward and strict qualifiers (超 逾 余 多 / 近) exclude X itself; money, counts
    and area never go below zero. Every string the formatters write falls inside its own range (tested).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

import cn2an

ONE = Decimal(1)
TEN_THOUSAND = Decimal(10_000)
HUNDRED_MILLION = Decimal(100_000_000)
# The largest amount the ledger records, in yuan (or, for a dollar field, in dollars): 10万亿元, above any
# project, so that sums of a whole city stay far within a 64-bit integer (SQLite's SUM overflows beyond).
MAX_AMOUNT_YUAN = 10**13
# Currencies a bureau's sheet may name that the ledger does not hold: refused, never read as yuan.
_OTHER_CURRENCIES = ("港元", "港币", "欧元", "日元", "英镑", "澳元", "加元", "新台币", "韩元", "卢布", "美金")


class QuantityParseError(ValueError):
    """A text that is not a figure this module can read; the message is shown to users."""


@dataclass(frozen=True)
class Quantity:
    """A figure read from Chinese text, normalised (yuan, fraction, whole count, 亩) and as written."""

    value: Decimal
    kind: str  # "money" | "percent" | "count" | "area"
    unit_text: str
    qualifier: str | None
    currency: str | None
    text: str
    # The figure as written in unit_text ("超320亿元" → 320), keeping its written precision in the
    # Decimal exponent ("3.50" stays 3.50): admitted_range needs it, value alone has lost it.
    number: Decimal | None = None
    scale: Decimal = ONE  # value = number × scale


# unit (after any 万/亿 magnitude) → kind, scale to the normalised value, currency
_UNITS: dict[str, tuple[str, Decimal, str | None]] = {
    "元": ("money", ONE, "CNY"),
    "美元": ("money", ONE, "USD"),
    "%": ("percent", Decimal("0.01"), None),
    "个百分点": ("percent", Decimal("0.01"), None),
    "亩": ("area", ONE, None),
    "平方米": ("area", Decimal("0.0015"), None),
    "平米": ("area", Decimal("0.0015"), None),
    "m2": ("area", Decimal("0.0015"), None),  # NFKC turns ㎡ and m² into m2
    "公顷": ("area", Decimal(15), None),
    "平方公里": ("area", Decimal(1500), None),
} | {word: ("count", ONE, None) for word in "个家项户次人名件台辆座条批所场"}
_MAGNITUDES = {"": ONE, "万": TEN_THOUSAND, "亿": HUNDRED_MILLION, "万亿": TEN_THOUSAND * HUNDRED_MILLION}
_PREFIXES = {
    "突破": "突破", "超过": "超", "超出": "超", "接近": "近", "将近": "近", "近乎": "近", "大约": "约",
    "达到": "达", "高达": "达", "多达": "达", "超": "超", "近": "近", "约": "约", "达": "达", "逾": "逾",
}  # fmt: skip
_SUFFIXES = {"以上": "以上", "左右": "约", "余": "余", "多": "多"}
_STRICT = {"超", "逾", "余", "多"}
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟"
_ARABIC = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
# A Chinese numeral starts with a digit or 十 (十五); 万, 亿, 点 alone are not figures ("超亿元").
_CHINESE = rf"[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾][{_CN_DIGITS}]*"


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so that 超过 wins over 超 and 个百分点 over 个.
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_QUANTITY_RE = re.compile(
    rf"(?P<pre>{_alternation(_PREFIXES)})?(?P<sign>[-−])?"
    rf"(?:百分之(?P<pct>{_ARABIC}|{_CHINESE})"
    # Chinese numerals are matched lazily so that "三百二十亿元" leaves 亿 to the magnitude.
    rf"|(?P<num>{_ARABIC}|{_CHINESE}?)(?P<mid1>余|多)?(?P<mag>万亿|亿|万)?(?P<mid2>余|多)?"
    rf"(?P<unit>{_alternation(_UNITS)})?)"
    rf"(?P<post>{_alternation(_SUFFIXES)})?"
)
_WHAT = {None: "数量", "money": "金额", "percent": "百分比", "count": "数目", "area": "面积"}


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _chinese_number(numeral: str) -> Decimal:
    # normal mode: strict refuses 两千 and 二〇二二. cn2an trips on some malformed numerals ("十十一")
    # with KeyError or IndexError rather than ValueError.
    try:
        result = cn2an.cn2an(numeral, "normal")
    except (ValueError, KeyError, IndexError) as exc:
        raise ValueError(numeral) from exc
    return Decimal(repr(result)) if isinstance(result, float) else Decimal(result)


def _error(text: str, kind: str | None, why: str = "") -> QuantityParseError:
    return QuantityParseError(f"无法识别的{_WHAT[kind]}：“{text}”" + (f"（{why}）" if why else ""))


def _tidy(value: Decimal) -> Decimal:
    # 40 × 0.01 is Decimal("0.40") and 3.5 × 10000 is Decimal("35000.0"); store 0.4 and 35000.
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _parse(text: str, expected: str | None) -> Quantity:
    if not isinstance(text, str):
        raise _error(str(text), expected)
    match = _QUANTITY_RE.fullmatch(_clean(text))
    if match is None:
        raise _error(text, expected)
    parts = match.groupdict()
    numeral, magnitude, unit = parts["pct"] or parts["num"], parts["mag"] or "", parts["unit"] or ""
    if parts["pct"] is not None:
        unit = "%"
    elif unit == "" and magnitude in ("亿", "万亿"):
        unit = "元"  # "投资3.5亿": a bare 亿 is money; a bare 万 could count anything
    elif unit == "":
        raise _error(text, expected, "缺少单位")
    kind, unit_scale, currency = _UNITS[unit]
    if kind == "percent" and magnitude:
        raise _error(text, expected, "百分比不带万、亿")
    try:
        if re.fullmatch(_ARABIC, numeral):
            number = Decimal(numeral.replace(",", ""))
        elif magnitude and not re.search("[万亿]", numeral):
            number = _chinese_number(numeral)
        else:  # "三亿五千万元": the magnitude belongs to the numeral, read them together
            number = _chinese_number(numeral + magnitude) / _MAGNITUDES[magnitude]
    except (ValueError, InvalidOperation) as exc:
        raise _error(text, expected, "数字写法不对") from exc
    if parts["sign"]:
        number = -number
    scale = _MAGNITUDES[magnitude] * unit_scale
    value = _tidy(number * scale)
    if kind == "count" and value != value.to_integral_value():
        raise _error(text, expected, "个数应为整数")
    suffixes = [parts[k] for k in ("mid1", "mid2", "post") if parts[k]]
    prefix = _PREFIXES.get(parts["pre"] or "")
    if len(suffixes) > 1:
        raise _error(text, expected, "限定词重复")
    suffix = _SUFFIXES[suffixes[0]] if suffixes else None
    if prefix and suffix and not (prefix in ("达", "约") and suffix in ("余", "多", "以上", "约")):
        raise _error(text, expected, "限定词重复")
    if value == 0 and (suffix or prefix) not in (None, "约", "达"):
        raise _error(text, expected, "0 不能带限定词")  # "超0个", "近0%" say nothing
    if expected is not None and kind != expected:
        raise _error(text, expected, f"这是{_WHAT[kind]}")
    written_unit = "%" if parts["pct"] is not None else magnitude + (parts["unit"] or "")  # 百分之… → %
    return Quantity(
        value=value, kind=kind, unit_text=written_unit, qualifier=suffix or prefix, currency=currency,
        text=text, number=number, scale=scale,
    )  # fmt: skip


def parse_quantity(text: str) -> Quantity:
    """Read any figure: money, percentage, count or area ("超320亿元", "近40%", "五十个", "120亩")."""
    return _parse(text, None)


def parse_amount(text: str) -> Quantity:
    """Read a money figure ("超320亿元", "3.5万元", "两千万元", "1.2亿美元")."""
    return _parse(text, "money")


def parse_percent(text: str) -> Quantity:
    """Read a percentage ("近40%", "109%", "百分之四十", "一百零九%")."""
    return _parse(text, "percent")


def parse_count(text: str) -> Quantity:
    """Read a count ("50个", "五十个", "26家", "300余户")."""
    return _parse(text, "count")


def _place(number: Decimal) -> Decimal:
    """One unit of the last digit a Decimal carries: 320 → 1, 3.50 → 0.01, 3.2E+2 → 100."""
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN and infinities carry a letter here
        raise ValueError(f"不是有限数：{number!r}")
    return ONE.scaleb(exponent)


def admitted_range(q: Quantity) -> tuple[Decimal, Decimal]:
    """The closed interval of true values that q's text admits (rules in the module docstring)."""
    number = q.number if q.number is not None else q.value / q.scale
    x = q.value
    s = _place(number) * q.scale
    g = _place(number.normalize()) * q.scale if number else s
    band = max(abs(x) * Decimal("0.05"), s)
    if q.kind == "percent":
        band = max(band, Decimal("0.025"))
    half = s / 2
    low, high = {
        None: (x - half, x + half),
        "约": (x - band, x + band),
        "近": (x - band, x),
        "达": (x - half, x + band),
        "余": (x, x + g),
        "多": (x, x + g),
    }.get(q.qualifier, (x, x + band))  # 超 逾 突破 以上
    if q.kind != "percent" and x >= 0:
        low = max(low, Decimal(0))
    if q.kind == "count":
        low, high = low.to_integral_value(ROUND_CEILING), high.to_integral_value(ROUND_FLOOR)
        if q.qualifier in _STRICT:
            low = max(low, x + 1)
        if q.qualifier == "近":
            high = min(high, x - 1)
    return _tidy(low), _tidy(high)


def _to_decimal(number: int | float | Decimal | str) -> Decimal:
    if isinstance(number, bool):
        raise TypeError("金额或比例不能是布尔值")
    # repr() of a float is its shortest round-trip form: 0.381 stays 0.381, not 0.38100000000000000533.
    value = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    if not value.is_finite():
        raise ValueError(f"不是有限数：{number!r}")
    return value


def _plain(number: Decimal) -> str:
    # No exponent, no trailing zeros: Decimal("3.20E+2") → "320", Decimal("3.50") → "3.5".
    return "0" if number == 0 else f"{number.normalize():f}"


_CURRENCY_UNITS = {"CNY": ("元", "万元", "亿元"), "USD": ("美元", "万美元", "亿美元")}
_CENT = Decimal("0.01")


def _headline(v: Decimal) -> tuple[str, Decimal]:
    step = ONE if v >= 10 else Decimal("0.1")
    if v % step == 0:
        return "", v
    upper = v.quantize(step, ROUND_CEILING)
    if v >= upper - step * Decimal("0.05"):
        return "近", upper
    lower = v.quantize(step, ROUND_FLOOR)
    if lower == 0:
        return "", v.quantize(_CENT, ROUND_HALF_UP)
    return "超", lower


def format_amount(
    yuan: int | Decimal, *, style: str = "headline", unit: str | None = None, currency: str = "CNY"
) -> str:
    """Write an amount in 元/万元/亿元 (or 美元/万美元/亿美元): "超320亿元", "122亿元", "320.5亿元"."""
    if currency not in _CURRENCY_UNITS:
        raise ValueError(f"未知币种：“{currency}”（可用：CNY、USD）")
    units = _CURRENCY_UNITS[currency]
    amount = _to_decimal(yuan)
    if unit is None:
        index = 2 if abs(amount) >= HUNDRED_MILLION else 1 if abs(amount) >= TEN_THOUSAND else 0
    elif unit in units:
        index = units.index(unit)
    else:
        raise ValueError(f"未知单位：“{unit}”（可用：{'、'.join(units)}）")
    v = amount.scaleb(-4 * index)  # scaleb is exact; division by 10**8 need not be
    if style == "exact":
        qualifier, number = "", v.quantize(_CENT, ROUND_HALF_UP)
    elif style == "headline":
        if amount < 0:
            raise ValueError("负数金额只能用 exact 写法")
        qualifier, number = _headline(v)
    else:
        raise ValueError(f"未知写法：“{style}”（可用：headline、exact）")
    if unit is None and index < 2 and abs(number) >= TEN_THOUSAND:
        index, number = index + 1, number.scaleb(-4)
    return f"{qualifier}{_plain(number)}{units[index]}"


def format_percent(fraction: Decimal | float | int, *, style: str = "exact", places: int = 0) -> str:
    """Write a fraction as a percentage: exact 1.0893 → "109%", headline 0.381 → "近40%"."""
    x = _to_decimal(fraction)
    quantum = ONE.scaleb(-places)
    if style == "headline":
        r = x.quantize(Decimal("0.1"), ROUND_HALF_UP)
        if r > 0 and abs(x - r) < Decimal("0.0005"):
            return f"{_plain(r * 100)}%"
        if r > 0 and r - Decimal("0.025") <= x < r:
            return f"近{_plain(r * 100)}%"
        if r > 0 and r < x <= r + Decimal("0.025"):
            return f"超{_plain(r * 100)}%"
        rounded = (x * 100).quantize(quantum, ROUND_HALF_UP)
        if rounded == 0 and x != 0:  # "约0%" says nothing; 0.0031 is "约0.3%"
            rounded = (x * 100).quantize(quantum / 10, ROUND_HALF_UP)
        return f"{'约' if rounded != x * 100 else ''}{_plain(rounded)}%"
    if style == "exact":
        return f"{_plain((x * 100).quantize(quantum, ROUND_HALF_UP))}%"
    raise ValueError(f"未知写法：“{style}”（可用：exact、headline）")


def format_count(n: int, unit: str = "个") -> str:
    """Write a count with its measure word: 50 → "50个", (26, "家") → "26家"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"个数应为整数：{n!r}")
    if _UNITS.get(unit, ("",))[0] != "count":
        raise ValueError(f"未知量词：“{unit}”")
    return f"{n}{unit}"


def to_yi(yuan: int | Decimal, places: int = 2) -> Decimal:
    """Yuan → 亿元 for tables and exports, ROUND_HALF_UP: 32,050,000,000 → Decimal("320.50")."""
    return _to_decimal(yuan).scaleb(-8).quantize(ONE.scaleb(-places), ROUND_HALF_UP)


def to_wan(yuan: int | Decimal, places: int = 2) -> Decimal:
    """Yuan → 万元 for tables and exports, ROUND_HALF_UP: 35,000 → Decimal("3.50")."""
    return _to_decimal(yuan).scaleb(-4).quantize(ONE.scaleb(-places), ROUND_HALF_UP)


_MONEY_UNITS = {
    "元": ONE, "万元": TEN_THOUSAND, "亿元": HUNDRED_MILLION,
    "美元": ONE, "万美元": TEN_THOUSAND, "亿美元": HUNDRED_MILLION,
}  # fmt: skip


def parse_money_cell(text_or_number: str | int | float | Decimal | None, default_unit: str = "万元") -> int:
    """An Excel cell → integer yuan (or cents-free USD for 美元 units), rounded half up.

    Numbers and bare numerals are in default_unit ("1200" or 1200 with 万元 → 12,000,000); text with a
    unit is read as written ("3.5亿", "3.5亿元", "12,000万元"). The ledger holds exact figures, so a
    qualifier ("约3.5亿元") is refused rather than silently dropped, and so is another currency than the
    field's ("5亿美元" or "5亿港元" in a yuan field; a bare "3.5亿" is in the field's currency).
    """
    if default_unit not in _MONEY_UNITS:
        raise ValueError(f"未知单位：“{default_unit}”（可用：{'、'.join(_MONEY_UNITS)}）")
    cell = text_or_number
    if cell is None or isinstance(cell, bool) or not isinstance(cell, str | int | float | Decimal):
        raise QuantityParseError(f"无法识别的金额：“{'' if cell is None else cell}”")
    expected = "USD" if "美元" in default_unit else "CNY"
    if isinstance(cell, str):
        text = _clean(cell).lstrip("¥")
        if re.fullmatch(rf"-?(?:{_ARABIC})", text):
            amount = Decimal(text.replace(",", "")) * _MONEY_UNITS[default_unit]
        else:
            if any(word in text for word in _OTHER_CURRENCIES):
                raise _currency_error(cell, expected)
            quantity = parse_amount(text + "元" if text.endswith("万") else text)
            if quantity.qualifier:
                raise QuantityParseError(f"金额不能带“{quantity.qualifier}”：“{cell}”（台账只收确数）")
            if "元" in text and quantity.currency != expected:  # a bare 3.5亿 is in the field's currency
                raise _currency_error(cell, expected)
            amount = quantity.value
    else:
        try:
            amount = _to_decimal(cell) * _MONEY_UNITS[default_unit]
        except ValueError as exc:
            raise QuantityParseError(f"无法识别的金额：“{cell}”") from exc
    return int(amount.quantize(ONE, ROUND_HALF_UP))


def _currency_error(cell: str, expected: str) -> QuantityParseError:
    name = {"CNY": "人民币", "USD": "美元"}[expected]
    return QuantityParseError(f"币种不符：“{cell}”不是{name}金额，请换算为{name}后填写")
