"""The entry point: a press release in, its facts and entities out (DESIGN.md "Fact extraction output")."""

from __future__ import annotations

from datetime import date

from zhaoshang.lib.extraction.clean import CleanDocument, clean
from zhaoshang.lib.extraction.entities import build_entities, find_unknown_enterprises
from zhaoshang.lib.extraction.facts import signed_value, type_mention
from zhaoshang.lib.extraction.gazetteer import Gazetteer
from zhaoshang.lib.extraction.numbers import locate
from zhaoshang.lib.extraction.placing import Placer, find_periods, main_period, main_region, period_ref
from zhaoshang.lib.extraction.regions import RegionHit, RegionTable, resolve_regions
from zhaoshang.lib.extraction.relations import relate
from zhaoshang.lib.extraction.schema import ExtractionResult, Fact, RegionRef


def _region_ref(table: RegionTable | None, code: str | None) -> RegionRef | None:
    if table is None or code is None:
        return None
    return RegionRef(code, table.divisions[code].name)


def _outside(hits: list[RegionHit], spans: list[tuple[int, int]]) -> list[RegionHit]:
    # A place inside a company's name (宁波拓普集团) is part of the name, not a mention of the place.
    return [h for h in hits if not any(s <= h.start and h.end <= e for s, e in spans)]


def _facts(
    doc: CleanDocument, placer: Placer, region_ends: list[int], table: RegionTable | None
) -> tuple[list[Fact], list[int]]:
    facts: list[Fact] = []
    sentence_starts: list[int] = []
    previous = None
    for mention in locate(doc.text):
        draft = type_mention(mention, doc, region_ends, previous)
        if draft is None:
            continue
        previous = draft
        value, high = signed_value(draft)
        period = placer.period(mention.start, is_target=draft.type == "target")
        facts.append(
            Fact(
                id=f"f{len(facts) + 1}",
                type=draft.type,
                label=draft.label,
                value=value,
                unit_text=mention.quantity.unit_text,
                span=(mention.start, mention.end),
                text=mention.text,
                sentence=draft.sentence.text.strip(),
                currency=mention.quantity.currency,
                qualifier=draft.qualifier,
                scope=draft.scope,
                range_high=high,
                region=_region_ref(table, placer.region(mention.start)),
                period=period_ref(period) if period else None,
            )
        )
        sentence_starts.append(draft.sentence.start)
    return facts, sentence_starts


def _claim(fact: Fact) -> tuple[object, ...]:
    region = fact.region.code if fact.region else None
    period = fact.period.label if fact.period else None
    return (fact.type, fact.label, fact.value, fact.qualifier, fact.scope, region, period)


def _once(facts: list[Fact]) -> list[Fact]:
    """Keep the first occurrence of each claim; relations to a dropped copy move to the kept one."""
    kept: dict[tuple[object, ...], Fact] = {}
    alias: dict[str, str] = {}
    for fact in facts:
        first = kept.setdefault(_claim(fact), fact)
        if first is not fact:
            alias[fact.id] = first.id
            if first.parent is None and fact.parent is not None:
                first.parent, first.base = fact.parent, fact.base
    survivors = list(kept.values())
    renumber = {f.id: f"f{i}" for i, f in enumerate(survivors, 1)}
    for fact in survivors:
        fact.parent = renumber.get(alias.get(fact.parent, fact.parent)) if fact.parent else None
        fact.base = renumber.get(alias.get(fact.base, fact.base)) if fact.base else None
        fact.id = renumber[fact.id]
    return survivors


def extract_document(
    text: str,
    *,
    document_date: date | None,
    title: str | None = None,
    gazetteer: Gazetteer,
    source: str | None = None,
) -> ExtractionResult:
    """Extract every figure of ``text`` as a typed, labelled, related and placed fact.

    Spans index into ``result.text``, the cleaned text (page furniture and repeated paragraphs removed).
    """
    doc = clean(text)
    title = title or doc.title
    scan = gazetteer.scan(doc.text)
    known = [(t.start, t.end) for t in scan.terms]
    unknown = find_unknown_enterprises(doc.text, known)
    company_spans = known + [(u.start, u.end) for u in unknown if u.end - u.start > 0]
    table = gazetteer.regions
    regions = resolve_regions(_outside(scan.regions, company_spans), table) if table else []
    title_regions = resolve_regions(gazetteer.scan(title).regions, table) if table and title else []
    document_region = main_region(regions, title_regions, table.levels if table else {})
    periods = find_periods(doc.text, document_date)
    document_period = main_period(periods)

    placer = Placer(doc, periods, regions, main_period=document_period, main_region=document_region)
    facts, sentence_starts = _facts(doc, placer, [r.end for r in regions], table)
    # Relations are read on every occurrence (a restated figure is related in its own sentence),
    # then a claim made twice (a title or lead restating the body) is kept once.
    relate(facts, doc.text, sentence_starts)
    facts = _once(facts)
    entities = build_entities(doc, scan.terms, regions, unknown, periods, table)
    return ExtractionResult(
        text=doc.text,
        title=title,
        date=document_date,
        source=source or doc.source,
        facts=facts,
        entities=entities,
        region=_region_ref(table, document_region),
        period=period_ref(document_period) if document_period else None,
    )
