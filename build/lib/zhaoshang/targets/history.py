"""How a target reads on its 修改记录 page and in the recycle bin (registered in targets/apps.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from zhaoshang.lib import amounts
from zhaoshang.records.history import plain_decimal, usd, yuan
from zhaoshang.targets.registry import METRICS


def metric_label(value: Any, record: Any) -> str:
    metric = METRICS.get(value)
    return str(metric.label) if metric else str(value)


def target_value(value: Any, record: Any) -> str:
    """A target's value in its metric's unit: yuan as 万元/亿元, usd as 万美元, a ratio as a percentage."""
    metric = METRICS.get(record.metric)
    unit = metric.unit if metric else "count"
    if unit == "yuan":
        return yuan(value, record)
    if unit == "usd":
        return usd(value, record)
    if unit == "ratio":
        return amounts.format_percent(value, places=1)
    return plain_decimal(value)


def target_title(target: Any) -> str:
    scope = f"（{target.scope}）" if target.scope else ""
    return (
        f"{target.region.name} {target.year} {metric_label(target.metric, target)}{scope}"
        f" · {target.get_level_display()}"
    )


def target_back(target: Any) -> str | None:
    return None if target.is_deleted else reverse("targets:edit", args=[target.pk])


def list_of_year(target: Any) -> str:
    """Where to go once a target is deleted: the targets of its year."""
    return f"{reverse('targets:list')}?year={target.year}"
