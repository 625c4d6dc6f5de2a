"""Which region, period and year a page is about, read the same way by every page.

`?region=` is a division code within the user's reach (a malformed code is a 400 with a Chinese message,
a code out of reach or unknown a 404); without one a page opens on the user's own region: a district
user's district, a city user's city (a page about one district only opens on the first district of the
city that holds projects). `?period=` and `?year=` that cannot be read are a 400, never a silent default
and never a 500. The 400 page shows the message (`zhaoshang/errors.py`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from zhaoshang.accounts.scoping import visible_regions
from zhaoshang.lib import divisions
from zhaoshang.lib.periods import Period, PeriodParseError, parse_period
from zhaoshang.regions.models import Level, Region

# The years a page may be about: the ledger's earliest records to well past any plan.
YEARS = range(2000, 2101)


class BadQuery(BadRequest):
    """A query parameter the page cannot read; its message is Chinese and shown on the 400 page."""


def region_code(request: HttpRequest, name: str = "region") -> str | None:
    """The code asked for in `?<name>=`, checked for form only (None when not given)."""
    text = request.GET.get(name, "").strip()
    if not text:
        return None
    try:
        return divisions.checked(text)
    except divisions.BadCodeError as exc:
        raise BadQuery(str(exc)) from exc


def default_region(user: Any, *, county: bool = False) -> Region | None:
    """The region a page opens on: the user's own (a city user's city), else (a superuser, a user without a
    region, or a city user on a page about one district) the first district within reach holding projects."""
    own = getattr(user, "region", None)
    if own is not None and (own.level == Level.COUNTY or not county):
        return own
    districts = visible_regions(user).filter(level=Level.COUNTY).order_by("code")
    return districts.filter(projects__isnull=False).first() or districts.first()


def page_region(request: HttpRequest, *, name: str = "region", county: bool = False) -> Region:
    """The region of `?<name>=` within the user's reach, else `default_region`; `county` for pages that
    are about one district (the briefing)."""
    code = region_code(request, name)
    if code is None:
        region = default_region(request.user, county=county)
        if region is None:
            raise Http404(_("没有可查看的区划。"))
        return region
    region = visible_regions(request.user).filter(code=code).first()
    if region is None:
        raise Http404(_("没有该区划，或它不在您的管辖范围内。"))
    if county and region.level != Level.COUNTY:
        raise BadQuery(_("此页面只针对区县：%(name)s 不是区县。") % {"name": region.name})
    return region


def page_city(request: HttpRequest) -> Region:
    """The city of a ranking (`?city=`): the user's city by default. A district's people may see their own
    city's ranking (aggregates only) although the city lies above their reach."""
    user = request.user
    own = getattr(user, "region", None)
    own_city = (own.parent if own.level == Level.COUNTY else own) if own is not None else None
    code = region_code(request, "city")
    if code is None or (own_city is not None and own_city.code == code):
        if own_city is None:
            raise Http404(_("没有可查看的区划。"))
        return own_city
    region = visible_regions(user).filter(code=code).first()
    if region is None:
        raise Http404(_("没有该区划，或它不在您的管辖范围内。"))
    return region


def page_period(request: HttpRequest, default: Callable[[], Period], name: str = "period") -> Period:
    """The period of `?<name>=` (2022H1, 2022Q3, 2022-06YTD …), else `default()`."""
    text = request.GET.get(name, "").strip()
    if not text:
        return default()
    try:
        return parse_period(text)
    except PeriodParseError as exc:
        raise BadQuery(str(exc)) from exc


def page_year(request: HttpRequest, default: int, name: str = "year") -> int:
    """The year of `?<name>=`, four digits within `YEARS`, else `default`."""
    text = request.GET.get(name, "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit() and int(text) in YEARS):
        raise BadQuery(
            _("无法识别的年份：%(text)s（应为 %(first)s–%(last)s 之间的四位数字）")
            % {"text": text[:20], "first": YEARS[0], "last": YEARS[-1]}
        )
    return int(text)


def page_int(request: HttpRequest, name: str, default: int, *, low: int, high: int) -> int:
    """A whole number of `?<name>=` between `low` and `high` (a list's length …), else `default`."""
    text = request.GET.get(name, "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit() and low <= int(text) <= high):
        raise BadQuery(
            _("参数 %(name)s 应为 %(low)s–%(high)s 之间的整数，收到：%(text)s")
            % {"name": name, "low": low, "high": high, "text": text[:20]}
        )
    return int(text)


def page_number(request: HttpRequest, name: str, *, high: float) -> float | None:
    """A finite number of `?<name>=` between 0 and `high` (a filter's bound), else None when not given:
    NaN, infinities and 1e30 are refused rather than passed on to a query."""
    text = request.GET.get(name, "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 <= value <= high):
        raise BadQuery(
            _("参数 %(name)s 应为 0–%(high)s 之间的数字，收到：%(text)s")
            % {"name": name, "high": f"{high:g}", "text": text[:20]}
        )
    return value
