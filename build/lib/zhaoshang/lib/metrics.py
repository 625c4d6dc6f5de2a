"""Metric arithmetic shared by every page, export and briefing (DESIGN.md "Metrics"). No Django."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

RATIO_PLACES = Decimal("0.0001")


def ratio(part: int | Decimal | None, whole: int | Decimal | None) -> Decimal | None:
    """part / whole as a Decimal fraction; None when the whole is missing or zero (not comparable)."""
    if part is None or whole in (None, 0):
        return None
    return Decimal(part) / Decimal(whole)


def rounded_ratio(value: Decimal | None) -> Decimal | None:
    """A fraction to four places (1.0893), the precision every output shares."""
    return None if value is None else value.quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)
