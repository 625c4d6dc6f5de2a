"""The rule pack of 督办 and 诉求: versioned data (JSON) per city or district, the default one shipped in
`packs/default.json`. A district's pack overrides its city's, a city's the default (`choose`).

A pack sets the working calendar (holidays and worked weekend days), the default deadline of a 督办, the
time limit of a 诉求 by category and severity (working days), and the escalation interval of each kind
(calendar days past the deadline per level)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from zhaoshang.lib import divisions

CATEGORIES = {
    "land": "用地",
    "planning": "规划审批",
    "construction": "施工许可",
    "utilities": "水电气",
    "financing": "融资",
    "labour": "用工",
    "policy": "政策兑现",
    "supporting": "配套",
    "other": "其他",
}
SEVERITIES = {"ordinary": "一般", "cooperative": "协作", "major": "重大"}


class PackError(ValueError):
    """A rule pack that cannot be used (message in Chinese, naming the field)."""


@dataclass(frozen=True)
class RulePack:
    version: str
    region: str  # "" for the default pack, else the city or district code it applies to
    name: str
    source: str
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    supervision_deadline_days: int = 10
    supervision_interval_days: int = 3
    appeal_interval_days: int = 2
    # (category, severity) -> working days; category "default" for those not listed
    appeal_limits: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def appeal_limit(self, category: str, severity: str) -> int:
        """The time limit of a 诉求 in working days."""
        if category not in CATEGORIES:
            raise PackError(f"未知的诉求类别：“{category}”")
        if severity not in SEVERITIES:
            raise PackError(f"未知的诉求紧急程度：“{severity}”")
        limit = self.appeal_limits.get((category, severity), self.appeal_limits.get(("default", severity)))
        if limit is None:
            raise PackError(
                f"规则包 {self.version} 未规定“{CATEGORIES[category]}·{SEVERITIES[severity]}”的办理时限"
            )
        return limit


def _positive(data: Mapping[str, Any], key: str, where: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise PackError(f"规则包字段 {where}.{key} 须为正整数（现为 {value!r}）")
    return value


def _dates(values: Any, where: str) -> frozenset[date]:
    if not isinstance(values, list):
        raise PackError(f"规则包字段 {where} 须为日期列表")
    try:
        return frozenset(date.fromisoformat(v) for v in values)
    except (TypeError, ValueError) as exc:
        raise PackError(f"规则包字段 {where} 含无效日期：{exc}") from exc


def parse(data: Mapping[str, Any]) -> RulePack:
    """A pack from its JSON object; every missing or malformed field is a PackError naming it."""
    for key in ("version", "name"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise PackError(f"规则包缺少字段 {key}")
    region = data.get("region", "")
    if region and not divisions.is_code(region):
        raise PackError(f"规则包的区划代码无效：“{region}”")
    supervision = data.get("supervision") or {}
    appeals = data.get("appeals") or {}
    limits: dict[tuple[str, str], int] = {}
    raw_limits = appeals.get("limits") or {}
    if "default" not in raw_limits:
        raise PackError("规则包 appeals.limits 须有 default（各紧急程度的默认时限）")
    for category, row in raw_limits.items():
        if category != "default" and category not in CATEGORIES:
            raise PackError(f"规则包 appeals.limits 含未知类别：“{category}”")
        for severity in row:
            if severity not in SEVERITIES:
                raise PackError(f"规则包 appeals.limits.{category} 含未知紧急程度：“{severity}”")
            limits[(category, severity)] = _positive(row, severity, f"appeals.limits.{category}")
    missing = [s for s in SEVERITIES if ("default", s) not in limits]
    if missing:
        raise PackError(f"规则包 appeals.limits.default 缺少：{'、'.join(missing)}")
    return RulePack(
        version=data["version"],
        region=region,
        name=data["name"],
        source=data.get("source", ""),
        holidays=_dates(data.get("holidays", []), "holidays"),
        workdays=_dates(data.get("workdays", []), "workdays"),
        supervision_deadline_days=_positive(supervision, "default_deadline_working_days", "supervision"),
        supervision_interval_days=_positive(supervision, "escalation_interval_days", "supervision"),
        appeal_interval_days=_positive(appeals, "escalation_interval_days", "appeals"),
        appeal_limits=limits,
    )


def load(path: Path) -> RulePack:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise PackError(f"无法读取规则包 {path.name}：{exc}") from exc
    if not isinstance(data, dict):
        raise PackError(f"规则包 {path.name} 须为 JSON 对象")
    return parse(data)


def choose(packs: Iterable[RulePack], region_code: str) -> RulePack:
    """The pack that applies to a district: its own, else its city's (or province's), else the default;
    among packs of one place the highest version (compared as dotted numbers)."""
    fitting = [p for p in packs if not p.region or divisions.is_within(region_code, p.region)]
    if not fitting:
        raise PackError(f"没有适用于 {region_code} 的督办与诉求规则包")

    def rank(p: RulePack) -> tuple[int, tuple[int, ...]]:
        depth = 0 if not p.region else (2 if p.region == region_code else 1)
        return depth, tuple(int(x) for x in p.version.split(".") if x.isdigit())

    return max(fitting, key=rank)


def load_dir(folder: Path) -> list[RulePack]:
    """Every pack (*.json) of a folder, e.g. `resources.OBLIGATION_PACKS` or one a deployment keeps."""
    return [load(path) for path in sorted(folder.glob("*.json"))]
