"""The entry point: a press release in, its facts and entities out (DESIGN.md "Fact extraction output")."""

from __future__ import annotations

from datetime import date

from zhaoshang.lib.extraction.clean import CleanDocument, clean
from zhaoshang.lib.extraction.entities import build_entities, find_unknown_enterprises
from zhaoshang.lib.extraction.events import is_event
from zhaoshang.lib.extraction.facts import signed_value, type_mention
from zhaoshang.lib.extraction.gazetteer import Gazetteer
from zhaoshang.lib.extraction.numbers import locate
from zhaoshang.lib.extraction.placing import Placer, find_periods, main_period, main_region, period_ref
from zhaoshang.lib.extraction.regions import RegionHit, RegionTable, ResolvedRegion, resolve_regions
from zhaoshang.lib.extraction.relations import relate
from zhaoshang.lib.extraction.schema import ExtractionResult, Fact, RegionRef
from zhaoshang.lib.extraction.subjects import self_references, subject_flags


def _region_ref(table: RegionTable | None, code: str | None) -> RegionRef | None:
    if table is None or code is None:
        return None
    return RegionRef(code, table.divisions[code].name)


def _related(a: str, b: str, table: RegionTable) -> bool:
    return a == b or table.is_ancestor(a, b) or table.is_ancestor(b, a)


def _outside(hits: list[RegionHit], spans: list[tuple[int, int]]) -> list[RegionHit]:
    # A place inside a company's name (宁波拓普集团) is part of the name, not a mention of the place.
    return [h for h in hits if not any(s <= h.start and h.end <= e for s, e in spans)]


def _facts(
    doc: CleanDocument, placer: Placer, region_ends: list[int], table: RegionTable | None
) -> tuple[list[Fact], list[int]]:
    facts: list[Fact] = []
    sentence_starts: list[int] = []
    previous = None
    drafts = []
    for mention in locate(doc.text):
        draft = type_mention(mention, doc, region_ends, previous)
        if draft is None:
            continue
        previous = draft
        drafts.append(draft)
    placer.set_figures([d.mention.start for d in drafts])
    for draft in drafts:
        mention = draft.mention
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
                period=period_ref(period.period, period.year_known) if period else None,
                event=is_event(doc, draft.sentence, mention.start),
            )
        )
        sentence_starts.append(draft.sentence.start)
    return facts, sentence_starts


def _claim(fact: Fact) -> tuple[object, ...]:
    region = fact.region.code if fact.region else None
    period = fact.period.label if fact.period else None
    # The same amount of money twice is a restatement whatever it is called ("总投资5914.5亿元" …
    # "项目370个总投资5914.5亿元"); counts need their name too (签约项目58个, 在谈项目58个).
    label = fact.label if fact.type not in _MONEY else ""
    return (fact.type, label, fact.value, fact.qualifier, fact.scope, fact.currency, region, period)


_MONEY = frozenset({"investment_amount", "funds_in_place", "foreign_capital", "other_amount"})


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
        if fact.parent == fact.id:  # a restatement linked to the figure it restates
            fact.parent = None
        if fact.base == fact.id:
            fact.base = None
    return survivors


def extract_document(
    text: str,
    *,
    document_date: date | None,
    title: str | None = None,
    gazetteer: Gazetteer,
    source: str | None = None,
    source_region: str | None = None,
) -> ExtractionResult:
    """Extract every figure of ``text`` as a typed, labelled, related and placed fact.

    Spans index into ``result.text``, the cleaned text (page furniture and repeated paragraphs removed).
    ``source_region`` is the GB/T 2260 code of the region the document comes from (the uploading user's
    district, ``zhaoshang extract --region``, the publisher): 我区/全市/全省… resolve to it, it is the
    figures' region where the text names none, and places outside it are partners, not subjects.
    """
    doc = clean(text)
    title = title or doc.title
    scan = gazetteer.scan(doc.text)
    known = [(t.start, t.end) for t in scan.terms]
    unknown = find_unknown_enterprises(doc.text, known)
    company_spans = known + [(u.start, u.end) for u in unknown if u.end - u.start > 0]
    table = gazetteer.regions
    regions: list[ResolvedRegion] = (
        resolve_regions(_outside(scan.regions, company_spans), table) if table else []
    )
    title_regions = resolve_regions(gazetteer.scan(title).regions, table) if table and title else []
    document_region = main_region(regions, title_regions, table.levels if table else {})
    named = regions
    selves = (
        self_references(doc.text, source_region, table) if table and source_region in table.divisions else []
    )
    if (
        table is not None
        and source_region in table.divisions
        and (
            selves
            or document_region is None
            or any(_related(r.code, source_region, table) for r in regions)  # the source is named
        )
    ):
        document_region = source_region
        regions = sorted(regions + selves, key=lambda r: r.start)
    else:
        # An article about another place, without 我区/全市 (an officer uploading another district's
        # release): it stays that place's, and is refused or accepted as such.
        source_region = None
    periods = find_periods(doc.text, document_date)
    document_period = main_period(periods)

    placer = Placer(
        doc,
        periods,
        regions,
        main_period=document_period,
        main_region=document_region,
        subjects=subject_flags(doc.text, regions, source_region, table),
    )
    facts, sentence_starts = _facts(doc, placer, [r.end for r in named], table)
    # Relations are read on every occurrence (a restated figure is related in its own sentence),
    # then a claim made twice (a title or lead restating the body) is kept once.
    relate(facts, doc.text, sentence_starts)
    facts = _once(facts)
    entities = build_entities(doc, scan.terms, named, unknown, periods, table)
    return ExtractionResult(
        text=doc.text,
        title=title,
        date=document_date,
        source=source or doc.source,
        facts=facts,
        entities=entities,
        region=_region_ref(table, document_region),
        period=period_ref(document_period.period, document_period.year_known) if document_period else None,
    )
