"""Taking a document in (extract, refuse duplicates, link near-duplicates, store the facts) and reviewing
its facts (accept, reject, correct, accept all). Every write runs in one transaction: a document is
stored with all its facts or not at all.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from zhaoshang.accounts.permissions import can_create_project
from zhaoshang.accounts.scoping import reach_of
from zhaoshang.intake.gazetteer import build_gazetteer
from zhaoshang.intake.models import Document, Fact, FactEvent, FactStatus
from zhaoshang.intake.reading import IntakeError, RawDocument
from zhaoshang.lib.amounts import QuantityParseError, parse_quantity
from zhaoshang.lib.extraction.extract import extract_document
from zhaoshang.lib.extraction.gazetteer import Gazetteer
from zhaoshang.lib.extraction.schema import KIND_OF_TYPE, ExtractionResult
from zhaoshang.lib.periods import PeriodParseError, parse_period
from zhaoshang.records.imports.writing import create_all
from zhaoshang.regions.models import Region

# Two texts whose rapidfuzz ratio (0–100, 2·matches / total length) reaches this are the same article.
NEAR_DUPLICATE = 85.0
NEAR_CANDIDATES = 2000
_SPACE = re.compile(r"\s+")
# A fact's value is a DecimalField of 30 digits, 6 after the point; SQLite does not enforce that, and a
# value beyond it breaks every read of the document (page, API, history, backup). Far beyond any figure
# a bureau reports (10¹⁸ yuan), and exact as a bigint when a fact becomes a ledger amount.
FACT_LIMIT = Decimal(10) ** 18


class DuplicateDocument(IntakeError):
    """The same text is already stored; `existing` is the stored document."""

    def __init__(self, existing: Document) -> None:
        super().__init__(_("相同正文的文档已存在，未重复保存。"))
        self.existing = existing


class OutOfReach(IntakeError):
    """The document is about a region the user may not add documents to."""


def text_hash(text: str) -> str:
    """The fingerprint of a cleaned text: layout (whitespace) does not make two texts different."""
    return hashlib.sha256(_SPACE.sub("", text).encode("utf-8")).hexdigest()


def find_near_duplicate(text: str) -> tuple[Document | None, float | None]:
    """The most similar stored document at or above NEAR_DUPLICATE, among those of a comparable length."""
    from rapidfuzz import fuzz, process

    n = len(text)
    # ratio ≤ 200·min/(min+max), so lengths further apart than this cannot reach the threshold.
    floor = NEAR_DUPLICATE / (200 - NEAR_DUPLICATE)
    candidates = dict(
        Document.objects.filter(length__gte=int(n * floor), length__lte=int(n / floor) + 1)
        .order_by("-created_at")
        .values_list("pk", "text")[:NEAR_CANDIDATES]
    )
    best = process.extractOne(text, candidates, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE)
    if best is None:
        return None, None
    _text, score, pk = best
    return Document.objects.get(pk=pk), round(score / 100, 4)


def extract(raw: RawDocument, gazetteer: Gazetteer, *, source_region: str | None = None) -> ExtractionResult:
    """The facts of a document; ``source_region`` is the code of the region it comes from (the uploading
    user's district, ``zhaoshang extract --region``): 我区/全区/全市 resolve to it."""
    try:
        return extract_document(
            raw.text,
            document_date=raw.published_on,
            title=raw.title,
            gazetteer=gazetteer,
            source=raw.source,
            source_region=source_region,
        )
    except Exception as exc:  # the extractor is pure code over free text: report, never store half-way
        raise IntakeError(_("文档解析失败（%(error)s），未保存。") % {"error": type(exc).__name__}) from exc


def _own_district(user) -> Region | None:
    own = getattr(user, "region", None)
    return own if own is not None and own.level == "county" else None


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def too_large(value: Decimal | None) -> bool:
    """Whether a figure cannot be held as a fact's value (see FACT_LIMIT)."""
    return value is not None and not (value.is_finite() and abs(value) < FACT_LIMIT)


def _refuse_huge(result: ExtractionResult) -> None:
    for f in result.facts:
        if too_large(_decimal(f.value)) or too_large(_decimal(f.range_high)):
            raise IntakeError(
                _("文档中的数字“%(text)s”超出可记录的范围，请核对原文，未保存。") % {"text": f.text[:50]}
            )


@transaction.atomic
def ingest(
    *,
    raw: RawDocument,
    gazetteer: Gazetteer,
    user=None,
    region: Region | None = None,
    may_store: Callable[[Region | None], bool] | None = None,
) -> Document:
    """Store a document and its extracted facts (all pending review); refuse an exact duplicate.

    `region`, when given, is the region the document is about, in place of the one read from its text.
    `may_store` says whether the user may add a document about that region (an officer adds documents
    about their own district only). The document's source region, which 我区/全市 name, is `region`
    when given, else the uploading user's own district (a city's user may bring any district's
    release, so the text decides for them).
    """
    source = region or _own_district(user)
    result = extract(raw, gazetteer, source_region=source.code if source is not None else None)
    if not result.text.strip():
        raise IntakeError(_("文档没有可读的正文（只有页面导航、版权等内容），未保存。"))
    _refuse_huge(result)
    digest = text_hash(result.text)
    existing = Document.objects.filter(text_hash=digest).first()
    if existing is not None:
        raise DuplicateDocument(existing)
    near, similarity = find_near_duplicate(result.text)
    if region is None and result.region is not None:
        region = Region.objects.filter(code=result.region.code).first()
    if may_store is not None and not may_store(region):
        raise OutOfReach(_("文档所述区划为%(region)s，不在您的管辖范围内，未保存。") % {"region": region})
    try:
        with transaction.atomic():
            document = Document.objects.create(
                title=(result.title or raw.title or "")[:300],
                source=(result.source or "")[:200],
                author=(raw.author or "")[:200],
                url=(raw.url or "")[:500],
                published_on=result.date,
                format=raw.format,
                original_name=raw.name[:255],
                size=raw.size,
                text=result.text,
                length=len(result.text),
                text_hash=digest,
                region=region,
                period=result.period.label if result.period else "",
                entities=result.to_json(include_text=False)["entities"],
                near_duplicate_of=near,
                similarity=similarity,
                uploaded_by=user,
            )
    except IntegrityError:  # the same text stored concurrently
        raise DuplicateDocument(Document.objects.get(text_hash=digest)) from None
    _store_facts(document, result, user=user)
    return document


def take_in(*, raw: RawDocument, user, region: Region | None = None) -> Document:
    """A document a user brings (the page or the API): ingested with a fresh gazetteer, and stored only
    if it is about a region the user may write to (a leader never; an officer their own district)."""
    return ingest(
        raw=raw,
        gazetteer=build_gazetteer(),
        user=user,
        region=region,
        may_store=lambda about: can_create_project(user, about),
    )


def _store_facts(document: Document, result: ExtractionResult, *, user) -> None:
    rows = [
        Fact(
            document=document,
            key=f.id,
            type=f.type,
            label=f.label[:100],
            value=f.value,
            range_high=f.range_high,
            currency=f.currency or "",
            unit_text=f.unit_text[:20],
            qualifier=f.qualifier or "",
            scope=(f.scope or "")[:50],
            region_code=f.region.code if f.region else "",
            region_name=f.region.name if f.region else "",
            period=f.period.label if f.period else "",
            single_event=f.event,
            span_start=f.span[0],
            span_end=f.span[1],
            text=f.text[:100],
            sentence=f.sentence,
        )
        for f in result.facts
    ]
    # With a history record each (who, from where): a fact is audited from its extraction on.
    facts = {fact.key: fact for fact in create_all(Fact, rows, user=user, reason=_("自文档提取"))}
    related = []
    for f in result.facts:
        if f.parent or f.base:
            fact = facts[f.id]
            fact.parent, fact.base = facts.get(f.parent or ""), facts.get(f.base or "")
            related.append(fact)
    Fact.objects.bulk_update(related, ["parent", "base"])


# --- review -------------------------------------------------------------------------------------------


class ReviewError(ValueError):
    """A correction that cannot be read (message in Chinese)."""


class CorrectionOutOfReach(ReviewError):
    """A correction that would place a fact in a region outside the corrector's reach."""


def _record(fact: Fact, *, action: str, to_status: str, user, before: str = "", after: str = "") -> None:
    FactEvent.objects.create(
        fact=fact,
        action=action,
        from_status=fact.status,
        to_status=to_status,
        before=before,
        after=after,
        user=user,
    )
    fact.status, fact.reviewed_by, fact.reviewed_at = to_status, user, timezone.now()


@transaction.atomic
def review(*, fact: Fact, accept: bool, user=None) -> Fact:
    """Accept or reject one proposed fact (a decided fact may be decided again; each step is logged)."""
    fact = Fact.objects.select_for_update().get(pk=fact.pk)
    to_status = FactStatus.ACCEPTED if accept else FactStatus.REJECTED
    _record(fact, action="accept" if accept else "reject", to_status=to_status, user=user)
    fact.save()
    return fact


@transaction.atomic
def accept_all(*, document: Document, user=None) -> int:
    """Accept every fact still pending (rejected ones stay rejected); returns how many."""
    pending = list(Fact.objects.select_for_update().filter(document=document, status=FactStatus.PENDING))
    for fact in pending:
        _record(fact, action="accept", to_status=FactStatus.ACCEPTED, user=user)
        fact.save()
    return len(pending)


_KIND_NAMES = {
    "money": _lazy("金额"),
    "percent": _lazy("百分比"),
    "count": _lazy("数目"),
    "area": _lazy("面积"),
}


def _check_kind(fact: Fact, kind: str) -> None:
    """A correction states the same kind of figure as the fact (a count stays a count)."""
    expected = KIND_OF_TYPE.get(fact.type)
    if expected is None:  # a target states any kind: keep the kind it was written in
        try:
            expected = parse_quantity(fact.original_text or fact.text).kind
        except QuantityParseError:
            return
    if kind != expected:
        raise ReviewError(
            _("“%(label)s”是%(expected)s，不能更正为%(kind)s。")
            % {"label": fact.label, "expected": _KIND_NAMES[expected], "kind": _KIND_NAMES[kind]}
        )


def _describe(fact: Fact) -> str:
    return f"{fact.text} · {fact.region_code or '—'} · {fact.period or '—'}"


@transaction.atomic
def correct(*, fact: Fact, phrase: str = "", region_code: str = "", period: str = "", user=None) -> Fact:
    """Accept a fact with a corrected figure (re-entered as written, e.g. “超320亿元”), region or period.

    The figure is read with lib.amounts, so the qualifier and the unit come from the phrase itself and
    the fact check uses its admitted range; what the extractor had is kept in `original_text`.
    """
    fact = Fact.objects.select_for_update().get(pk=fact.pk)
    before = _describe(fact)
    if phrase.strip():
        try:
            q = parse_quantity(phrase)
        except QuantityParseError as exc:
            raise ReviewError(str(exc)) from exc
        _check_kind(fact, q.kind)
        if too_large(q.value):
            raise ReviewError(_("数字“%(text)s”超出可记录的范围。") % {"text": phrase.strip()[:50]})
        if not fact.original_text:
            fact.original_text = fact.text
        fact.text, fact.value, fact.qualifier = phrase.strip()[:100], q.value, q.qualifier or ""
        fact.unit_text, fact.currency, fact.range_high = q.unit_text, q.currency or "", None
    if region_code.strip():
        reach = reach_of(user) if user is not None else None
        named = list(Region.objects.filter(code=region_code.strip())) or list(
            Region.objects.filter(name=region_code.strip()).order_by("code")[:20]
        )
        # A name several divisions share (江北区: Chongqing and Ningbo) means the one within reach.
        region = next(
            (r for r in named if reach is None or reach.covers(r.code)), named[0] if named else None
        )
        if region is None:
            raise ReviewError(_("找不到区划“%(code)s”。") % {"code": region_code})
        if reach is not None and not reach.covers(region.code):
            # Otherwise the live check would show any region's figures: an oracle across districts.
            raise CorrectionOutOfReach(
                _("区划“%(region)s”不在您的管辖范围内，不能把事实改到该区划。") % {"region": region.name}
            )
        fact.region_code, fact.region_name = region.code, region.name
    if period.strip():
        try:
            fact.period = parse_period(period).code
        except PeriodParseError as exc:
            raise ReviewError(str(exc)) from exc
    _record(
        fact, action="correct", to_status=FactStatus.ACCEPTED, user=user, before=before, after=_describe(fact)
    )
    fact.save()
    return fact
