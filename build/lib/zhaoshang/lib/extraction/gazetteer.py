"""One Aho–Corasick automaton over every name the extractor knows: regions, enterprises, directions,
chain segments. Built once per Gazetteer (callers keep the instance); scanning a document is one pass.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import ahocorasick

from zhaoshang.lib.extraction.regions import RegionForm, RegionHit, RegionTable
from zhaoshang.lib.resources import DIVISIONS_CSV

TermKind = Literal["enterprise", "direction", "segment"]

DEFAULT_REGIONS_CSV = DIVISIONS_CSV  # regions/data/divisions.csv, read as a package resource

# When two names cover the same characters with the same length, the more specific kind wins.
_PRIORITY: dict[str, int] = {"enterprise": 0, "segment": 1, "direction": 2, "region": 3}


@dataclass(frozen=True, slots=True)
class Name:
    """A canonical name and the other ways it is written (former names, short names, group names)."""

    canonical: str
    aliases: Sequence[str] = field(default_factory=tuple)

    def surfaces(self) -> tuple[str, ...]:
        return (self.canonical, *(a for a in self.aliases if a != self.canonical))


EnterpriseName = Name


@dataclass(frozen=True, slots=True)
class TermHit:
    start: int
    end: int
    kind: TermKind
    canonical: str
    surface: str


@dataclass(frozen=True, slots=True)
class ScanResult:
    terms: list[TermHit]
    regions: list[RegionHit]


@functools.cache
def _region_table(path: str) -> RegionTable:
    return RegionTable.from_csv(path)


def _as_name(item: str | Name) -> Name:
    return item if isinstance(item, Name) else Name(item)


class Gazetteer:
    """Names to look for. ``scan`` returns non-overlapping hits, longest first."""

    def __init__(
        self,
        regions: RegionTable | None,
        enterprises: Iterable[Name] = (),
        directions: Iterable[str | Name] = (),
        segments: Iterable[str | Name] = (),
    ) -> None:
        self.regions = regions
        self.enterprises = list(enterprises)
        self.directions = [_as_name(d) for d in directions]
        self.segments = [_as_name(s) for s in segments]
        entries: dict[str, list[tuple[str, object]]] = {}
        for kind, names in (
            ("enterprise", self.enterprises),
            ("direction", self.directions),
            ("segment", self.segments),
        ):
            for name in names:
                for surface in name.surfaces():
                    entries.setdefault(surface, []).append((kind, name.canonical))
        if regions is not None:
            for surface, forms in regions.forms.items():
                entries.setdefault(surface, []).append(("region", tuple(forms)))
        self._automaton = ahocorasick.Automaton()
        for surface, values in entries.items():
            values.sort(key=lambda v: _PRIORITY[v[0]])
            self._automaton.add_word(surface, (surface, tuple(values)))
        if entries:
            self._automaton.make_automaton()
        self._empty = not entries

    @classmethod
    def from_reference(
        cls,
        *,
        regions_csv: str | Path | None = DEFAULT_REGIONS_CSV,
        enterprises: Iterable[Name] = (),
        directions: Iterable[str | Name] = (),
        segments: Iterable[str | Name] = (),
    ) -> Gazetteer:
        table = _region_table(str(Path(regions_csv).resolve())) if regions_csv else None
        return cls(table, enterprises, directions, segments)

    @classmethod
    @functools.cache
    def default(cls) -> Gazetteer:
        """All of China's divisions and nothing else; cached, so every caller shares one automaton."""
        return cls.from_reference(regions_csv=DEFAULT_REGIONS_CSV)

    def scan(self, text: str) -> ScanResult:
        if self._empty:
            return ScanResult([], [])
        candidates = []
        for end, (surface, values) in self._automaton.iter(text):
            start = end + 1 - len(surface)
            candidates.append((start, end + 1, surface, values))
        candidates.sort(key=lambda c: (c[0] - c[1], _PRIORITY[c[3][0][0]], c[0]))
        taken = bytearray(len(text))
        terms: list[TermHit] = []
        regions: list[RegionHit] = []
        for start, end, surface, values in candidates:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            kind, payload = values[0]
            if kind == "region":
                forms: tuple[RegionForm, ...] = payload
                regions.append(RegionHit(start, end, surface, forms))
            else:
                terms.append(TermHit(start, end, kind, payload, surface))
        terms.sort(key=lambda t: t.start)
        regions.sort(key=lambda r: r.start)
        return ScanResult(terms, regions)
