"""The extraction result: plain dataclasses and the JSON shape of DESIGN.md "Fact extraction output".

JSON representation of values (documented once, here):
- money is an ``int`` in the smallest whole unit of ``currency`` (yuan for CNY, dollars for USD);
- counts are ``int``; areas are ``float`` in 亩 rounded to 6 places;
- rates, shares, completions and growths are fractions (近40% → 0.4, 109% → 1.09) as ``float``
  rounded to 6 places, negative for a decline (同比下降3% → -0.03);
- a range ("10-20亿元") keeps its low end in ``value`` and its high end in ``range_high``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal, TypedDict

FactType = Literal[
    "project_count",
    "enterprise_count",
    "investment_amount",
    "funds_in_place",
    "foreign_capital",
    "share",
    "completion_rate",
    "rate",
    "growth_rate",
    "target",
    "area",
    "other_count",
    "other_amount",
]

FRACTION_TYPES = frozenset({"share", "completion_rate", "rate", "growth_rate"})
# The kind of figure (lib.amounts Quantity.kind) each fact type states; a target may state any kind.
KIND_OF_TYPE: dict[str, str] = {
    "project_count": "count",
    "enterprise_count": "count",
    "other_count": "count",
    "investment_amount": "money",
    "funds_in_place": "money",
    "foreign_capital": "money",
    "other_amount": "money",
    "share": "percent",
    "completion_rate": "percent",
    "rate": "percent",
    "growth_rate": "percent",
    "area": "area",
}


class RegionJSON(TypedDict):
    code: str
    name: str


class PeriodJSON(TypedDict):
    start: str | None
    end: str | None
    label: str
    name: str
    year_known: bool


class FactJSON(TypedDict):
    id: str
    type: str
    label: str
    value: int | float
    range_high: int | float | None
    currency: str | None
    unit_text: str
    qualifier: str | None
    scope: str | None
    parent: str | None
    base: str | None
    region: RegionJSON | None
    period: PeriodJSON | None
    event: bool
    span: list[int]
    text: str
    sentence: str


@dataclass(frozen=True, slots=True)
class RegionRef:
    code: str
    name: str

    def to_json(self) -> RegionJSON:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True, slots=True)
class PeriodRef:
    """A figure's period. When the text names the months but no year can be read (no year written, no
    document date), the year stays unknown: ``start``/``end`` are None and the label keeps the months
    with "????" for the year ("????H1", "????Q3", "????-10YTD") rather than guessing a year."""

    start: date | None
    end: date | None
    label: str  # the period code, e.g. "2022H1"; "????H1" when the year is unknown
    name: str  # the Chinese name, e.g. "2022年上半年"; "上半年（年份不详）"

    @property
    def year_known(self) -> bool:
        return self.start is not None

    def to_json(self) -> PeriodJSON:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "label": self.label,
            "name": self.name,
            "year_known": self.year_known,
        }


def json_number(value: Decimal, *, fraction: bool) -> int | float:
    """Integers stay integers (yuan, counts); fractions become floats rounded to 6 places."""
    if not fraction and value == value.to_integral_value():
        return int(value)
    return round(float(value), 6)


@dataclass(slots=True)
class Fact:
    """One figure the text states, typed, labelled and placed (region, period, parent)."""

    id: str
    type: FactType
    label: str
    value: Decimal
    unit_text: str
    span: tuple[int, int]
    text: str
    sentence: str
    currency: str | None = None
    qualifier: str | None = None
    scope: str | None = None
    parent: str | None = None
    base: str | None = None
    range_high: Decimal | None = None
    region: RegionRef | None = None
    period: PeriodRef | None = None
    # A figure of one signing event (本次签约, 集中签约, 签约仪式上…), not a total of a reporting
    # period: the fact check never compares it with the ledger's period totals.
    event: bool = False

    @property
    def is_fraction(self) -> bool:
        return self.type in FRACTION_TYPES

    def to_json(self) -> FactJSON:
        fraction = self.is_fraction
        return {
            "id": self.id,
            "type": self.type,
            "label": self.label,
            "value": json_number(self.value, fraction=fraction),
            "range_high": None
            if self.range_high is None
            else json_number(self.range_high, fraction=fraction),
            "currency": self.currency,
            "unit_text": self.unit_text,
            "qualifier": self.qualifier,
            "scope": self.scope,
            "parent": self.parent,
            "base": self.base,
            "region": self.region.to_json() if self.region else None,
            "period": self.period.to_json() if self.period else None,
            "event": self.event,
            "span": [self.span[0], self.span[1]],
            "text": self.text,
            "sentence": self.sentence,
        }


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity: where, what was written, and which alias matched it."""

    span: tuple[int, int]
    text: str
    alias: str
    planned: bool = False  # in a sentence about future work (下半年/将/重点开展…招商)
    former: bool = False  # written as a former name (原小康集团)

    def to_json(self) -> dict[str, Any]:
        return {
            "span": [self.span[0], self.span[1]],
            "text": self.text,
            "alias": self.alias,
            "planned": self.planned,
            "former": self.former,
        }


EntityKind = Literal["region", "enterprise", "direction", "segment", "period"]


@dataclass(slots=True)
class Entity:
    """A named thing mentioned in the document, once, with all its mentions."""

    kind: EntityKind
    key: str  # region code, period code, or canonical name
    name: str
    mentions: list[Mention] = field(default_factory=list)
    known: bool = True  # False for an enterprise found only by its name pattern
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def planned(self) -> bool:
        """Only ever mentioned as future work: for a segment, a gap the bureau is targeting."""
        return bool(self.mentions) and all(m.planned for m in self.mentions)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name}
        if self.kind in ("region", "period"):
            data["code"] = self.key
        if self.kind == "enterprise":
            data["known"] = self.known
            data["aliases_matched"] = sorted({m.alias for m in self.mentions})
        if self.kind == "segment":
            data["planned"] = self.planned
        data.update(self.extra)
        data["mentions"] = [m.to_json() for m in self.mentions]
        return data


ENTITY_GROUPS: dict[EntityKind, str] = {
    "region": "regions",
    "enterprise": "enterprises",
    "direction": "directions",
    "segment": "segments",
    "period": "periods",
}


@dataclass(slots=True)
class ExtractionResult:
    """Everything extracted from one document; spans index into ``text`` (the cleaned text)."""

    text: str
    title: str | None
    date: date | None
    source: str | None
    facts: list[Fact]
    entities: list[Entity]
    region: RegionRef | None = None
    period: PeriodRef | None = None

    def entities_of(self, kind: EntityKind) -> list[Entity]:
        return [e for e in self.entities if e.kind == kind]

    def fact(self, fact_id: str) -> Fact:
        return next(f for f in self.facts if f.id == fact_id)

    def to_json(self, *, include_text: bool = True) -> dict[str, Any]:
        document: dict[str, Any] = {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "region": self.region.to_json() if self.region else None,
            "period": self.period.to_json() if self.period else None,
        }
        if include_text:
            document["text"] = self.text
        entities: dict[str, list[dict[str, Any]]] = {group: [] for group in ENTITY_GROUPS.values()}
        for entity in self.entities:
            entities[ENTITY_GROUPS[entity.kind]].append(entity.to_json())
        return {
            "document": document,
            "facts": [f.to_json() for f in self.facts],
            "entities": entities,
        }
