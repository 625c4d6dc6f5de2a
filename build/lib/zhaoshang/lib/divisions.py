"""The hierarchy of GB/T 2260 division codes, read from the six digits alone: no database, no file.

A code is PPCCDD: province (PP0000), prefecture-level city (PPCC00), county or district (PPCCDD). A
municipality (北京 110000, 重庆 500000 …) has no city level in the reference data, so its districts' parent is
the province code itself: `parent_code` takes the codes known to exist when that matters. Every place that
asks "which province", "which city" or "is this within that" asks this module.
"""

from __future__ import annotations

import re
from collections.abc import Container

_CODE = re.compile(r"[1-9][0-9]{5}")

PROVINCE, CITY, COUNTY = "province", "city", "county"


class BadCodeError(ValueError):
    """Not a six-digit division code; the message is Chinese for the user."""


def is_code(text: object) -> bool:
    return isinstance(text, str) and _CODE.fullmatch(text) is not None


def checked(text: str) -> str:
    """The code itself, or BadCodeError when it is not six digits (leading zero refused, as in the model)."""
    code = text.strip() if isinstance(text, str) else ""
    if not is_code(code):
        raise BadCodeError(f"无效的行政区划代码：{str(text)[:20]}（应为 6 位数字）")
    return code


def level_of(code: str) -> str:
    """province (PP0000), city (PPCC00) or county (anything else)."""
    code = checked(code)
    if code.endswith("0000"):
        return PROVINCE
    if code.endswith("00"):
        return CITY
    return COUNTY


def province_of(code: str) -> str:
    """The province (or municipality) a code lies in: 500106 → 500000, 510104 → 510000."""
    return checked(code)[:2] + "0000"


def city_of(code: str) -> str:
    """The prefecture-level code of a county (itself for a city or a province): 510104 → 510100. For a
    municipality's district that is a code the reference data does not hold (500106 → 500100); ask
    `parent_code` for the division one level up."""
    code = checked(code)
    return code if level_of(code) == PROVINCE else code[:4] + "00"


def parent_code(code: str, known: Container[str] | None = None) -> str | None:
    """The division one level up: a county's city (or, when that city is not among `known`, its province),
    a city's province, nothing above a province."""
    level = level_of(code)
    if level == PROVINCE:
        return None
    if level == CITY:
        return province_of(code)
    city = city_of(code)
    return city if known is None or city in known else province_of(code)


def subtree_prefix(code: str) -> str:
    """The code prefix of a division and everything below it: 500000 → 50, 510100 → 5101, 500106 → 500106."""
    level = level_of(code)
    if level == PROVINCE:
        return code[:2]
    if level == CITY:
        return code[:4]
    return code


def is_within(code: str, ancestor: str) -> bool:
    """Whether `code` is `ancestor` or lies below it (a district within its city or province)."""
    if not (is_code(code) and is_code(ancestor)):
        return False
    return code.startswith(subtree_prefix(ancestor))


def in_province(code: str, province: str) -> bool:
    """Whether `code` lies in `province`, given as its code (440000), any code within it, or its two-digit
    prefix as people type it (44)."""
    province = province.strip()
    if len(province) == 2:
        province += "0000"
    return is_code(code) and is_code(province) and is_within(code, province_of(province))
