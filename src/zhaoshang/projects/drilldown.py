"""The ledger's drill-down (`?metric=…&region=…&period=…[&scope=…]`): the projects behind a figure.

The figures are the metric registry's (targets/registry.py, above projects); targets/apps.py registers it
here, so the ledger page lists exactly the rows behind a cockpit number without importing upwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from zhaoshang.lib.periods import Period


@dataclass(frozen=True)
class Figures:
    labels: Callable[[], dict[str, Any]]  # metric key -> Chinese label
    rows: Callable[[str, str, Period, str], QuerySet]  # (key, region code, period, scope) -> projects


_figures: list[Figures] = []


def register(figures: Figures) -> None:
    _figures.append(figures)


def label_of(key: str) -> Any | None:
    """The metric's label, or None for a key no registered source knows."""
    for figures in _figures:
        labels = figures.labels()
        if key in labels:
            return labels[key]
    return None


def rows_behind(key: str, region: str, period: Period, scope: str) -> QuerySet:
    """The projects behind the figure; ValueError for a bad region or scope (as the registry raises)."""
    for figures in _figures:
        if key in figures.labels():
            return figures.rows(key, region, period, scope)
    raise ValueError(key)
