"""Red/yellow/green warnings (红黄绿灯) of signed projects, computed by a versioned rule pack.

Pure computation: plain dataclasses in, a colour with its reasons out. The rule pack is data (JSON, see
`load_packs`): a default pack, and packs of a province, city or district that override it rule by rule
(a district's pack over its city's over its province's over the default, `pack_for`).

The four rules of the default pack (DESIGN.md "Supervision after signing"), each with its boundary:

    node_overdue        an open node past its planned date: yellow from the day after it, red once it is
                        past by `red_days` (30) days or more.
    start_delayed       not started by the planned month, no delay reason recorded: yellow from the first
                        day of the month after the planned month, red once `red_months` (3) whole months
                        have passed since it (the third consecutive yellow month ends in red).
    investment_behind   the year's completed investment behind the year's time progress by `yellow_points`
                        (10) to `red_points` (30) percentage points, both included: yellow; by more than
                        `red_points`: red.
    not_in_statistics   started, not yet 入统/入库: yellow from the day one calendar month after the start
                        (`yellow_months`), red from two (`red_months`).

A project's colour is the worst of its findings (red over yellow over green). Every finding carries the
rule, the pack version and the dates and numbers that produced it. The 三未 lists (签约未注册, 注册未开工,
开工未投产) are `waiting`.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from zhaoshang.lib.divisions import city_of, is_code, province_of
from zhaoshang.lib.periods import Period

GREEN, YELLOW, RED = "green", "yellow", "red"
COLOURS = (GREEN, YELLOW, RED)
_RANK = {GREEN: 0, YELLOW: 1, RED: 2}

NODE_OVERDUE = "node_overdue"
START_DELAYED = "start_delayed"
INVESTMENT_BEHIND = "investment_behind"
NOT_IN_STATISTICS = "not_in_statistics"
RULES = (NODE_OVERDUE, START_DELAYED, INVESTMENT_BEHIND, NOT_IN_STATISTICS)

# The stages a warning is computed for: signed and not terminated.
LIVE_STAGES = ("signed", "registered", "started", "in_production")

# The 三未 lists: key, the stage a project waits in, the date it has waited since.
SIGNED_NOT_REGISTERED = "signed_not_registered"
REGISTERED_NOT_STARTED = "registered_not_started"
STARTED_NOT_PRODUCING = "started_not_producing"
WAITING_LISTS: tuple[tuple[str, str], ...] = (
    (SIGNED_NOT_REGISTERED, "signed"),
    (REGISTERED_NOT_STARTED, "registered"),
    (STARTED_NOT_PRODUCING, "started"),
)


class PackError(ValueError):
    """A rule pack that cannot be read; the message names the file and the problem (shown to people)."""


@dataclass(frozen=True)
class Pack:
    """A rule pack: its version, where it comes from, and each rule's thresholds (None = rule off)."""

    key: str  # "default" or the region code it belongs to
    version: str
    name: str
    node_red_days: int | None
    start_yellow_months: int | None
    start_red_months: int | None
    investment_yellow_points: Decimal | None
    investment_red_points: Decimal | None
    statistics_yellow_months: int | None
    statistics_red_months: int | None
    layers: tuple[str, ...] = ()  # the packs merged into this one, outermost first

    def enabled(self, rule: str) -> bool:
        return {
            NODE_OVERDUE: self.node_red_days is not None,
            START_DELAYED: self.start_yellow_months is not None,
            INVESTMENT_BEHIND: self.investment_yellow_points is not None,
            NOT_IN_STATISTICS: self.statistics_yellow_months is not None,
        }[rule]


@dataclass(frozen=True)
class NodeFacts:
    """One node of a project's plan as far as the warnings need it."""

    node_id: int
    name: str
    planned_on: date | None
    done_on: date | None = None
    delay_reason: str = ""


@dataclass(frozen=True)
class ProjectFacts:
    """What the rules read about one project (amounts in integer yuan)."""

    project_id: int
    stage: str
    signed_on: date | None = None
    registered_on: date | None = None
    started_on: date | None = None
    in_production_on: date | None = None
    planned_start_on: date | None = None
    start_delay_reason: str = ""
    in_statistics_on: date | None = None
    year_planned: int | None = None  # the year's planned investment
    year_completed: int | None = None  # investment completed in the year up to today
    nodes: tuple[NodeFacts, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One rule that fired: its colour, and the dates and numbers behind it (JSON-ready values)."""

    rule: str
    colour: str
    facts: Mapping[str, Any] = field(default_factory=dict)
    node_id: int | None = None

    @property
    def key(self) -> str:
        """A stable name of what is warned about (a 督办 raised from it refers to it)."""
        return f"{self.rule}:{self.node_id}" if self.node_id is not None else self.rule


@dataclass(frozen=True)
class Verdict:
    """A project's colour (the worst finding's) and all its findings, worst first."""

    project_id: int
    colour: str
    findings: tuple[Finding, ...]
    pack_version: str

    @property
    def worst(self) -> Finding | None:
        return self.findings[0] if self.findings else None


@dataclass(frozen=True)
class Waiting:
    """A project on one of the 三未 lists, waiting since a date."""

    project_id: int
    list_key: str
    since: date
    days: int


# -- dates ---------------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(first: date, later: date) -> int:
    """Whole calendar months from `first`'s month to `later`'s month (May → August = 3)."""
    return (later.year - first.year) * 12 + later.month - first.month


def year_time_progress(today: date) -> Decimal:
    """The year's time progress on `today` (时序进度), as the metrics define it (lib/periods)."""
    return Period(date(today.year, 1, 1), today, "range", f"{today.year}-01-01..{today}").time_progress()


# -- the rules -----------------------------------------------------------------------------------------


def _node_findings(facts: ProjectFacts, pack: Pack, today: date) -> list[Finding]:
    if pack.node_red_days is None:
        return []
    found = []
    for node in facts.nodes:
        if node.done_on is not None or node.planned_on is None or node.planned_on >= today:
            continue
        days = (today - node.planned_on).days
        colour = RED if days >= pack.node_red_days else YELLOW
        found.append(
            Finding(
                NODE_OVERDUE,
                colour,
                {
                    "node": node.name,
                    "planned_on": node.planned_on.isoformat(),
                    "days_overdue": days,
                    "red_days": pack.node_red_days,
                    "delay_reason": node.delay_reason,
                },
                node_id=node.node_id,
            )
        )
    return found


def _start_finding(facts: ProjectFacts, pack: Pack, today: date) -> Finding | None:
    if pack.start_yellow_months is None or facts.planned_start_on is None:
        return None
    if facts.started_on is not None or facts.stage not in ("signed", "registered"):
        return None
    if facts.start_delay_reason.strip():
        return None  # a recorded reason (正当理由) keeps it green
    months = months_between(facts.planned_start_on, today)
    if months < pack.start_yellow_months:
        return None
    red = pack.start_red_months is not None and months >= pack.start_red_months
    return Finding(
        START_DELAYED,
        RED if red else YELLOW,
        {
            "planned_start_on": facts.planned_start_on.isoformat(),
            "months_late": months,
            "red_months": pack.start_red_months,
        },
    )


def _investment_finding(facts: ProjectFacts, pack: Pack, today: date) -> Finding | None:
    if pack.investment_yellow_points is None or not facts.year_planned:
        return None
    completed = facts.year_completed or 0
    completion = Decimal(completed) / Decimal(facts.year_planned)
    progress = year_time_progress(today)
    behind = (progress - completion) * 100
    if behind < pack.investment_yellow_points:
        return None
    red = pack.investment_red_points is not None and behind > pack.investment_red_points
    return Finding(
        INVESTMENT_BEHIND,
        RED if red else YELLOW,
        {
            "year": today.year,
            "year_planned": facts.year_planned,
            "year_completed": completed,
            "completion_pct": str((completion * 100).quantize(Decimal("0.1"))),
            "time_progress_pct": str((progress * 100).quantize(Decimal("0.1"))),
            "behind_points": str(behind.quantize(Decimal("0.1"))),
        },
    )


def _statistics_finding(facts: ProjectFacts, pack: Pack, today: date) -> Finding | None:
    if pack.statistics_yellow_months is None or facts.started_on is None:
        return None
    if facts.in_statistics_on is not None or facts.stage not in ("started", "in_production"):
        return None
    yellow_on = add_months(facts.started_on, pack.statistics_yellow_months)
    if today < yellow_on:
        return None
    red_on = (
        add_months(facts.started_on, pack.statistics_red_months)
        if pack.statistics_red_months is not None
        else None
    )
    return Finding(
        NOT_IN_STATISTICS,
        RED if red_on is not None and today >= red_on else YELLOW,
        {
            "started_on": facts.started_on.isoformat(),
            "yellow_on": yellow_on.isoformat(),
            "red_on": red_on.isoformat() if red_on else None,
        },
    )


def evaluate(facts: ProjectFacts, pack: Pack, today: date) -> Verdict:
    """A project's colour on `today` under `pack`; green with no findings when nothing fired."""
    if facts.stage not in LIVE_STAGES:
        return Verdict(facts.project_id, GREEN, (), pack.version)
    found = _node_findings(facts, pack, today)
    for finding in (
        _start_finding(facts, pack, today),
        _investment_finding(facts, pack, today),
        _statistics_finding(facts, pack, today),
    ):
        if finding is not None:
            found.append(finding)
    found.sort(key=lambda f: (-_RANK[f.colour], RULES.index(f.rule), -int(f.facts.get("days_overdue", 0))))
    colour = found[0].colour if found else GREEN
    return Verdict(facts.project_id, colour, tuple(found), pack.version)


def worst(colours: Iterable[str]) -> str:
    """The worst of some colours (green when there are none)."""
    return max(colours, key=_RANK.__getitem__, default=GREEN)


def waiting(facts: ProjectFacts, today: date) -> Waiting | None:
    """The 三未 list a project is on (签约未注册, 注册未开工, 开工未投产) and since when, else None."""
    since_by_stage = {
        "signed": facts.signed_on,
        "registered": facts.registered_on,
        "started": facts.started_on,
    }
    for key, stage in WAITING_LISTS:
        if facts.stage == stage:
            since = since_by_stage[stage]
            if since is None:
                return None
            return Waiting(facts.project_id, key, since, max((today - since).days, 0))
    return None


# -- rule packs ----------------------------------------------------------------------------------------

_FIELDS: dict[tuple[str, str], str] = {
    (NODE_OVERDUE, "red_days"): "node_red_days",
    (START_DELAYED, "yellow_months"): "start_yellow_months",
    (START_DELAYED, "red_months"): "start_red_months",
    (INVESTMENT_BEHIND, "yellow_points"): "investment_yellow_points",
    (INVESTMENT_BEHIND, "red_points"): "investment_red_points",
    (NOT_IN_STATISTICS, "yellow_months"): "statistics_yellow_months",
    (NOT_IN_STATISTICS, "red_months"): "statistics_red_months",
}


def _overrides(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The pack fields a JSON pack sets; `"rule": null` turns a rule off."""
    rules = raw.get("rules", {})
    if not isinstance(rules, dict):
        raise PackError(f"{where}：rules 必须是对象")
    values: dict[str, Any] = {}
    for rule, settings in rules.items():
        if rule not in RULES:
            raise PackError(f"{where}：未知的预警规则“{rule}”")
        if settings is None:
            for (r, _key), off in _FIELDS.items():
                if r == rule:
                    values[off] = None
            continue
        if not isinstance(settings, dict):
            raise PackError(f"{where}：规则“{rule}”的设置必须是对象或 null")
        for key, value in settings.items():
            target = _FIELDS.get((rule, key))
            if target is None:
                raise PackError(f"{where}：规则“{rule}”没有参数“{key}”")
            if target.startswith("investment_"):
                values[target] = (
                    None if value is None else _points(value, f"{where}：规则“{rule}”的参数“{key}”")
                )
            else:
                if value is not None and (not isinstance(value, int) or value < 0):
                    raise PackError(f"{where}：规则“{rule}”的参数“{key}”必须是非负整数")
                values[target] = value
    return values


def _points(value: object, what: str) -> Decimal:
    """Percentage points as a Decimal: an integer or a decimal text such as "12.5", never negative."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PackError(f"{what}必须是数字")
    try:
        points = Decimal(str(value))
    except InvalidOperation as error:
        raise PackError(f"{what}必须是数字") from error
    if not points.is_finite() or points < 0:
        raise PackError(f"{what}必须是非负数")
    return points


def _check(pack: Pack, where: str) -> Pack:
    pairs = (
        (pack.start_yellow_months, pack.start_red_months, START_DELAYED),
        (pack.investment_yellow_points, pack.investment_red_points, INVESTMENT_BEHIND),
        (pack.statistics_yellow_months, pack.statistics_red_months, NOT_IN_STATISTICS),
    )
    for yellow, red, rule in pairs:
        if yellow is not None and red is not None and red < yellow:
            raise PackError(f"{where}：规则“{rule}”的红灯阈值小于黄灯阈值")
    return pack


@dataclass(frozen=True)
class Packs:
    """The default pack and the regional overrides (raw JSON kept so layers merge rule by rule)."""

    default: Mapping[str, Any]
    regional: Mapping[str, Mapping[str, Any]]

    def codes(self) -> list[str]:
        return sorted(self.regional)


def load_packs(folder: Path) -> Packs:
    """Read `default.json` and every `<region code>.json` of a folder of rule packs."""
    default_path = folder / "default.json"
    if not default_path.is_file():
        raise PackError(f"{folder}：缺少 default.json")
    default = _read(default_path)
    regional = {}
    for path in sorted(folder.glob("*.json")):
        if path.stem == "default":
            continue
        if not is_code(path.stem):
            raise PackError(f"{path.name}：文件名必须是 6 位区划代码")
        regional[path.stem] = _read(path)
    packs = Packs(default, regional)
    for code in ("default", *regional):
        pack_for(code, packs)  # every layer must read and merge cleanly
    return packs


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise PackError(f"{path.name}：无法读取（{error}）") from error
    if not isinstance(raw, dict) or not isinstance(raw.get("version"), str):
        raise PackError(f"{path.name}：规则包必须是带 version 的对象")
    return raw


def pack_for(code: str, packs: Packs) -> Pack:
    """The pack in force for a region: default ← province ← city ← district, each overriding rule by rule."""
    chain: list[tuple[str, Mapping[str, Any]]] = [("default", packs.default)]
    if is_code(code):
        for ancestor in dict.fromkeys((province_of(code), city_of(code), code)):
            if ancestor in packs.regional:
                chain.append((ancestor, packs.regional[ancestor]))
    values: dict[str, Any] = {}
    for where, raw in chain:
        values.update(_overrides(raw, where))
        if where == "default" and set(values) != set(_FIELDS.values()):
            missing = sorted(set(_FIELDS.values()) - set(values))
            raise PackError(f"default：默认规则包必须写明每条规则的全部参数（缺 {', '.join(missing)}）")
    key, top = chain[-1]
    version = "+".join(str(raw["version"]) if w == "default" else f"{w}@{raw['version']}" for w, raw in chain)
    pack = Pack(
        key=key,
        version=version,
        name=str(top.get("name", "")),
        layers=tuple(w for w, _raw in chain),
        **values,
    )
    return _check(pack, key)
