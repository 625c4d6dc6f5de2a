"""/api/documents and /api/facts: documents taken in, their facts with the live fact check (computed on
every read, as on the review page), taking a document in and reviewing or correcting a fact — through
the same intake.reading and intake.services calls as the pages."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Path, Query, Router, Status, UploadedFile

from zhaoshang.accounts.permissions import can_review_document, can_write_in
from zhaoshang.api import project_forms
from zhaoshang.api.context import MAX_ID, get_scoped, scoped, user_of
from zhaoshang.api.errors import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, ApiError, ErrorOut
from zhaoshang.api.form_or_json import FormOrJson, json_body
from zhaoshang.api.pagination import PageParams, paginate
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.intake import (
    DocumentDetailOut,
    DocumentFilterParams,
    DocumentIn,
    DocumentPage,
    FactCorrectionIn,
    FactOut,
    ReviewIn,
)
from zhaoshang.intake.factcheck import CONSISTENT, INCONSISTENT, NOT_COMPARABLE, check_facts
from zhaoshang.intake.forms import CorrectionForm
from zhaoshang.intake.models import Document, Fact, FactStatus
from zhaoshang.intake.reading import IntakeError, RawDocument, check_size, read_bytes, read_pasted
from zhaoshang.intake.services import (
    CorrectionOutOfReach,
    DuplicateDocument,
    OutOfReach,
    ReviewError,
    correct,
    review,
    take_in,
)
from zhaoshang.projects.querysets import region_q
from zhaoshang.regions.models import Region

documents = Router(tags=["文档核查"])
facts = Router(tags=["文档核查"])

COUNTS = {
    "n_facts": Count("facts"),
    "n_pending": Count("facts", filter=Q(facts__status=FactStatus.PENDING)),
    "n_accepted": Count("facts", filter=Q(facts__status=FactStatus.ACCEPTED)),
}


def _checked(fact_list: list[Fact], user) -> list[Fact]:
    """The facts, each with its live check (None unless accepted) as `live_check`, as `user` may see it.

    Not `check`: that name is Django's `Model.check()`, which a fact without a check would have returned.
    """
    checks = check_facts(fact_list, user=user)
    for fact in fact_list:
        fact.live_check = checks.get(fact.pk)
    return fact_list


@documents.get(
    "", response={200: DocumentPage, **ERROR_RESPONSES}, operation_id="documents_list", summary="文档列表"
)
def list_documents(
    request: HttpRequest, filters: Query[DocumentFilterParams], page: Query[PageParams]
) -> Any:
    """返回调用者数据范围内的文档（分页，新录入的在前），各含提取出的、待审核的和已采纳的事实数；可按所述区划和
    事实状态筛选。参数不符合要求时 422。
    """
    rows = scoped(request, Document.objects.select_related("region"))
    if filters.region:
        rows = rows.filter(region_q(filters.region))
    if filters.status:
        rows = rows.filter(pk__in=Fact.objects.filter(status=filters.status.value).values("document_id"))
    return paginate(rows.annotate(**COUNTS).order_by("-created_at", "-id"), page)


def _detail(request: HttpRequest, document_id: int) -> dict[str, Any]:
    document = get_scoped(
        request, Document.objects.select_related("region").annotate(**COUNTS), pk=document_id
    )
    fact_list = _checked(list(document.facts.all()), user_of(request))
    near = document.near_duplicate_of_id
    if near is not None and not scoped(request, Document.objects.filter(pk=near)).exists():
        near = None  # a near duplicate in another district is not named
    verdicts = [f.live_check.verdict for f in fact_list if f.live_check is not None]
    return {
        **{
            field: getattr(document, field)
            for field in (
                "id",
                "title",
                "source",
                "author",
                "url",
                "published_on",
                "format",
                "region",
                "period",
                "length",
                "created_at",
                "n_facts",
                "n_pending",
                "n_accepted",
                "text",
            )
        },
        "similarity": document.similarity if near is not None else None,
        "near_duplicate_of": near,
        "facts": fact_list,
        "summary": {v: verdicts.count(v) for v in (CONSISTENT, INCONSISTENT, NOT_COMPARABLE)},
    }


@documents.get(
    "/{int:document_id}",
    response={200: DocumentDetailOut, **ERROR_RESPONSES},
    operation_id="documents_detail",
    summary="文档详情：事实及其与台账的实时核对",
)
def get_document(
    request: HttpRequest, document_id: int = Path(..., ge=1, le=MAX_ID, description=texts.DOCUMENT_ID)
) -> Any:
    """返回一个文档的正文、提取出的事实和每个已采纳事实与台账的实时核对（每次读取时计算，与审核页面相同），以及
    核对结论的计数；相近文档只在调用者的数据范围内时给出。文档不存在或不在数据范围内时 404。
    """
    return _detail(request, document_id)


FILE_HELP = "新闻稿或报告文件：.txt/.md（UTF-8）、.html/.htm、.docx，不超过 10 MB"


def _raw(payload: DocumentIn, file: UploadedFile | None) -> RawDocument:
    """What the caller brings, read as the page reads it (same checks, same Chinese refusals)."""
    if (file is None) == (payload.text is None):
        raise ApiError(
            422,
            _("请上传文件（file），或粘贴正文（text），二者选一。"),
            details={"text": [_("请上传文件或粘贴正文。")]},
        )
    # Exactly one of the two is given (checked just above); an upload always has its size.
    size = (file.size or 0) if file is not None else len((payload.text or "").encode("utf-8"))
    try:
        check_size(size)  # refused before a byte of a file is read
    except IntakeError as exc:
        raise ApiError(413, str(exc), code="payload_too_large") from exc
    raw = (
        read_bytes(file.read(), name=file.name or "") if file is not None else read_pasted(payload.text or "")
    )
    given = {
        k: v for k, v in payload.model_dump(include={"title", "source", "url", "published_on"}).items() if v
    }
    return replace(raw, **given)


@documents.post(
    "",
    response={201: DocumentDetailOut, 413: ErrorOut, **WRITE_ERROR_RESPONSES},
    operation_id="documents_create",
    summary="录入文档：上传文件（multipart：file 为 .txt/.html/.htm/.docx，不超过 10 MB）或粘贴正文（text，"
    "JSON 或表单），提取其中的数字待审核；相同正文已存在时 409 并给出已有文档",
    openapi_extra=json_body(DocumentIn),
)
def create_document(
    request: HttpRequest,
    payload: Annotated[DocumentIn, FormOrJson(...)],
    file: Annotated[UploadedFile | None, File(description=FILE_HELP)] = None,
) -> Any:
    """录入一个文档（上传文件或粘贴正文），提取其中的数字（事实）待审核，返回文档详情（201）。调用者无录入权
    限、或所述区划不在其管辖范围内时 403；区划代码不存在、或文件与正文都没有或都有时
    422；文件无法读取时 400；超过 10 MB 时 413；相同正文已存在时 409（code 为
    duplicate_document，已有文档在数据范围内时给出其 ID）。
    """
    user = user_of(request)
    if not can_write_in(user):
        raise ApiError(403, _("您没有录入或审核文档的权限。"))
    region = None
    if payload.region:
        region = Region.objects.filter(code=payload.region).first()
        if region is None:
            raise ApiError(
                422,
                _("区划代码“%(code)s”不存在。") % {"code": payload.region},
                details={"region": [_("区划代码不存在。")]},
            )
        if not can_write_in(user, region):
            raise ApiError(403, _("不能录入您管辖范围以外区划的文档。"))
    try:
        document = take_in(raw=_raw(payload, file), user=user, region=region)
    except DuplicateDocument as exc:
        visible = scoped(request, Document.objects.filter(pk=exc.existing.pk)).exists()
        raise ApiError(
            409,
            str(exc),
            code="duplicate_document",
            details={"existing_id": exc.existing.pk if visible else None},
        ) from exc
    except OutOfReach as exc:
        raise ApiError(403, str(exc)) from exc
    except IntakeError as exc:
        raise ApiError(400, str(exc)) from exc
    return Status(201, _detail(request, document.pk))


@facts.post(
    "/{int:fact_id}/review",
    response={200: FactOut, **WRITE_ERROR_RESPONSES},
    operation_id="facts_review",
    summary="审核事实：采纳或驳回",
)
def review_fact(
    request: HttpRequest,
    payload: ReviewIn,
    fact_id: int = Path(..., ge=1, le=MAX_ID, description=texts.FACT_ID),
) -> Any:
    """采纳或驳回一个事实，返回该事实及其实时核对。事实不在调用者的数据范围内时 404；无审核权限时 403。"""
    fact = get_scoped(
        request, Fact.objects.select_related("document__region", "document__uploaded_by__region"), pk=fact_id
    )
    if not can_review_document(user_of(request), fact.document):
        raise ApiError(403, _("您没有录入或审核文档的权限。"))
    fact = review(fact=fact, accept=payload.action.value == "accept", user=user_of(request))
    return _fact_out(fact, user_of(request))


def _fact_out(fact: Fact, user) -> Fact:
    return next(f for f in _checked(list(fact.document.facts.all()), user) if f.pk == fact.pk)


@facts.patch(
    "/{int:fact_id}",
    response={200: FactOut, **WRITE_ERROR_RESPONSES},
    operation_id="facts_update",
    summary="更正事实（数字照原文写法、区划、期间，只改所传字段）并采纳；更正前的写法保留在 original_text",
)
def correct_fact(
    request: HttpRequest,
    payload: FactCorrectionIn,
    fact_id: int = Path(..., ge=1, le=MAX_ID, description=texts.FACT_ID),
) -> Any:
    """更正一个事实（数字照原文写法、区划、期间，只改所传字段）并采纳，返回该事实及其实时核对；更正前的写法保留
    在 original_text。事实不在数据范围内时 404；无审核权限、或改到管辖范围以外的区划时
    403；写法无法识别、数值超出范围或类型不符时 422。
    """
    fact = get_scoped(
        request, Fact.objects.select_related("document__region", "document__uploaded_by__region"), pk=fact_id
    )
    if not can_review_document(user_of(request), fact.document):
        raise ApiError(403, _("您没有录入或审核文档的权限。"))
    sent = {"phrase": payload.text or "", "region": payload.region or "", "period": payload.period or ""}
    form = CorrectionForm(project_forms.as_query_dict(sent))
    if not form.is_valid():
        errors = project_forms.form_errors(form)
        raise ApiError(
            422,
            "；".join(e for messages in errors.values() for e in messages),
            details={"text" if k == "phrase" else k: v for k, v in errors.items()},
        )
    try:
        fact = correct(
            fact=fact,
            phrase=form.cleaned_data["phrase"],
            region_code=form.cleaned_data["region"],
            period=form.cleaned_data["period"],
            user=user_of(request),
        )
    except CorrectionOutOfReach as exc:
        raise ApiError(403, str(exc)) from exc
    except ReviewError as exc:
        raise ApiError(422, str(exc)) from exc
    return _fact_out(fact, user_of(request))
