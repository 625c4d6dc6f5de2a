"""/api/documents and /api/facts: documents taken in, their facts with the live fact check (computed on
every read, as on the review page), and the review of a fact (intake.services.review)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from zhaoshang.accounts.permissions import can_create_project
from zhaoshang.api.context import MAX_ID, get_scoped, scoped, user_of
from zhaoshang.api.errors import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, ApiError
from zhaoshang.api.pagination import PageParams, paginate
from zhaoshang.api.schemas.intake import (
    DocumentDetailOut,
    DocumentFilterParams,
    DocumentPage,
    FactOut,
    ReviewIn,
)
from zhaoshang.intake.factcheck import CONSISTENT, INCONSISTENT, NOT_COMPARABLE, check_facts
from zhaoshang.intake.models import Document, Fact, FactStatus
from zhaoshang.intake.services import review
from zhaoshang.projects.querysets import region_q

documents = Router(tags=["documents"])
facts = Router(tags=["documents"])

COUNTS = {
    "n_facts": Count("facts"),
    "n_pending": Count("facts", filter=Q(facts__status=FactStatus.PENDING)),
    "n_accepted": Count("facts", filter=Q(facts__status=FactStatus.ACCEPTED)),
}


def _checked(fact_list: list[Fact]) -> list[Fact]:
    """The facts, each with its live check (None unless accepted) as `check`."""
    checks = check_facts(fact_list)
    for fact in fact_list:
        fact.check = checks.get(fact.pk)  # type: ignore[attr-defined]
    return fact_list


@documents.get("", response={200: DocumentPage, **ERROR_RESPONSES}, operation_id="documents_list",
               summary="文档列表")
def list_documents(request: HttpRequest, filters: Query[DocumentFilterParams], page: Query[PageParams]) -> Any:
    rows = scoped(request, Document.objects.select_related("region"))
    if filters.region:
        rows = rows.filter(region_q(filters.region))
    if filters.status:
        rows = rows.filter(pk__in=Fact.objects.filter(status=filters.status.value).values("document_id"))
    return paginate(rows.annotate(**COUNTS).order_by("-created_at", "-id"), page)


@documents.get("/{int:document_id}", response={200: DocumentDetailOut, **ERROR_RESPONSES},
               operation_id="documents_detail", summary="文档详情：事实及其与台账的实时核对")
def get_document(request: HttpRequest, document_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    document = get_scoped(request, Document.objects.select_related("region").annotate(**COUNTS), pk=document_id)
    fact_list = _checked(list(document.facts.all()))
    near = document.near_duplicate_of_id
    if near is not None and not scoped(request, Document.objects.filter(pk=near)).exists():
        near = None  # a near duplicate in another district is not named
    verdicts = [f.check.verdict for f in fact_list if f.check is not None]  # type: ignore[attr-defined]
    return {
        **{field: getattr(document, field) for field in (
            "id", "title", "source", "author", "url", "published_on", "format", "region", "period", "length",
            "created_at", "n_facts", "n_pending", "n_accepted", "text")},
        "similarity": document.similarity if near is not None else None,
        "near_duplicate_of": near,
        "facts": fact_list,
        "summary": {v: verdicts.count(v) for v in (CONSISTENT, INCONSISTENT, NOT_COMPARABLE)},
    }


@facts.post("/{int:fact_id}/review", response={200: FactOut, **WRITE_ERROR_RESPONSES},
            operation_id="facts_review", summary="审核事实：采纳或驳回")
def review_fact(request: HttpRequest, payload: ReviewIn, fact_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    fact = get_scoped(request, Fact.objects.select_related("document__region"), pk=fact_id)
    if not can_create_project(user_of(request), fact.document.region):
        raise ApiError(403, _("您没有录入或审核文档的权限。"))
    fact = review(fact=fact, accept=payload.action.value == "accept", user=user_of(request))
    return next(f for f in _checked(list(fact.document.facts.all())) if f.pk == fact.pk)
