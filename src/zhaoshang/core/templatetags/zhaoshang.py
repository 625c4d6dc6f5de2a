"""Template filters that write numbers the way DESIGN.md says (through the one amounts module)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from zhaoshang.lib import amounts

register = template.Library()


@register.filter
def yi(yuan: int | None) -> str:
    """Yuan as 亿元 with two decimals, for tables: 32050000000 -> 320.50."""
    return "—" if yuan is None else f"{amounts.to_yi(yuan):,.2f}"


@register.filter
def wan(yuan: int | None) -> str:
    return "—" if yuan is None else f"{amounts.to_wan(yuan):,.2f}"


@register.filter
def amount(yuan: int | None, style: str = "exact") -> str:
    return "—" if yuan is None else amounts.format_amount(yuan, style=style)


@register.filter
def percent(fraction: Decimal | None, style: str = "exact") -> str:
    return "—" if fraction is None else amounts.format_percent(fraction, style=style)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (pagination and sorting links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
