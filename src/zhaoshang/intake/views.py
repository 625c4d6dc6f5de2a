"""Document pages: the list, adding one (paste or upload), and the review page with the live fact check."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from zhaoshang.accounts.permissions import can_review_document, can_write_in
from zhaoshang.accounts.scoping import for_user
from zhaoshang.intake.conversions import ConversionError, draft_project, enterprises_near, lead_from_document
from zhaoshang.intake.factcheck import check_facts
from zhaoshang.intake.forms import CorrectionForm, PasteForm, UploadForm
from zhaoshang.intake.models import Document, Fact, FactStatus
from zhaoshang.intake.reading import IntakeError, read_bytes, read_pasted
from zhaoshang.intake.services import DuplicateDocument, ReviewError, accept_all, correct, review, take_in
from zhaoshang.leads.services import DuplicateLead


def _documents(request: HttpRequest):
    return for_user(Document.objects.all(), request.user)


def _writable(request: HttpRequest, document: Document | None = None) -> None:
    allowed = can_write_in(request.user) if document is None else can_review_document(request.user, document)
    if not allowed:
        raise PermissionDenied(_("您没有录入或审核文档的权限。"))


@login_required
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    documents = (
        _documents(request)
        .select_related("region", "near_duplicate_of")
        .annotate(
            n_facts=Count("facts"),
            n_pending=Count("facts", filter=Q(facts__status=FactStatus.PENDING)),
            n_accepted=Count("facts", filter=Q(facts__status=FactStatus.ACCEPTED)),
        )[:200]
    )
    return render(
        request,
        "intake/document_list.html",
        {"documents": documents, "can_add": can_write_in(request.user)},
    )


def _visible(request: HttpRequest, document: Document | None) -> Document | None:
    """The document if the user may see it (a duplicate may belong to another district)."""
    if document is None or not _documents(request).filter(pk=document.pk).exists():
        return None
    return document


def _refusal(request: HttpRequest, exc: IntakeError) -> None:
    existing = _visible(request, exc.existing) if isinstance(exc, DuplicateDocument) else None
    if existing is not None:
        messages.error(
            request,
            format_html(
                '{} <a href="{}" data-testid="existing">{}：{}</a>',
                str(exc),
                existing.get_absolute_url(),
                _("查看已有文档"),
                existing,
            ),
        )
    else:
        messages.error(request, str(exc))


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    _writable(request)
    mode = request.POST.get("mode", "upload")
    paste = PasteForm(request.POST if mode == "paste" else None)
    upload = UploadForm(
        request.POST if mode == "upload" else None, request.FILES if mode == "upload" else None
    )
    form = paste if mode == "paste" else upload
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if mode == "paste":
                raw = replace(read_pasted(data["text"]), title=data["title"] or None)
            else:
                raw = read_bytes(data["file"].read(), name=data["file"].name)
            if data.get("published_on"):
                raw = replace(raw, published_on=data["published_on"])
            document = take_in(raw=raw, user=request.user)
        except IntakeError as exc:
            _refusal(request, exc)
            status = 400
        else:
            messages.success(
                request, _("已录入，提取到 %(n)d 个数字，请逐条审核。") % {"n": document.facts.count()}
            )
            if _visible(request, document.near_duplicate_of):
                messages.info(
                    request,
                    _("与已有文档“%(title)s”高度相似（%(score)d%%），已关联。")
                    % {"title": document.near_duplicate_of, "score": round(document.similarity * 100)},
                )
            return redirect(document)
    elif request.method == "POST":
        status = 400
    return render(
        request, "intake/document_form.html", {"paste": paste, "upload": upload, "mode": mode}, status=status
    )


def _marked_text(document: Document, facts: list[Fact]) -> list[tuple[str, Fact | None]]:
    """The cleaned text cut into runs, each fact's span its own run (for highlighting)."""
    runs, at = [], 0
    for fact in sorted(facts, key=lambda f: f.span_start):
        if fact.span_start < at:
            continue
        runs += [
            (document.text[at : fact.span_start], None),
            (document.text[fact.span_start : fact.span_end], fact),
        ]
        at = fact.span_end
    runs.append((document.text[at:], None))
    return runs


@login_required
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        _documents(request).select_related("region", "near_duplicate_of", "uploaded_by__region"), pk=pk
    )
    facts = list(document.facts.select_related("reviewed_by").prefetch_related("events__user"))
    checks = check_facts(facts, user=request.user)
    rows = [
        {
            "fact": f,
            "check": checks.get(f.pk),
            "enterprises": enterprises_near(document, f)
            if f.status == FactStatus.ACCEPTED and f.type == "investment_amount"
            else [],
        }
        for f in facts
    ]
    context = {
        "document": document,
        "rows": rows,
        "marked": _marked_text(document, facts),
        "near_of": _visible(request, document.near_duplicate_of),
        "near": for_user(document.near_duplicates.all(), request.user),
        "entities": document.entities or {},
        "can_review": can_review_document(request.user, document),
        "pending": sum(1 for f in facts if f.status == FactStatus.PENDING),
        "summary": {
            s: sum(1 for c in checks.values() if c.verdict == s)
            for s in ("consistent", "inconsistent", "not_comparable")
        },
        "correction": CorrectionForm(),
    }
    return render(request, "intake/document_detail.html", context)


def _document_for_write(request: HttpRequest, pk: int) -> Document:
    document = get_object_or_404(_documents(request).select_related("region", "uploaded_by__region"), pk=pk)
    _writable(request, document)
    return document


def _posted_fact(request: HttpRequest, document: Document) -> Fact:
    """The document's fact the form names (`fact`); anything but a database id of one is a 404, never a
    database error (`fact=abc` was a 500)."""
    posted = request.POST.get("fact", "")
    if not (posted.isascii() and posted.isdigit() and len(posted) <= 18):
        raise Http404(_("没有该条事实。"))
    return get_object_or_404(Fact, document=document, pk=int(posted))


@login_required
@require_POST
def fact_review(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for_write(request, pk)
    fact = _posted_fact(request, document)
    action = request.POST.get("action")
    if action in ("accept", "reject"):
        review(fact=fact, accept=action == "accept", user=request.user)
    elif action == "correct":
        form = CorrectionForm(request.POST)
        if not form.is_valid():
            messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
            return redirect(document)
        try:
            correct(
                fact=fact,
                phrase=form.cleaned_data["phrase"],
                region_code=form.cleaned_data["region"],
                period=form.cleaned_data["period"],
                user=request.user,
            )
        except ReviewError as exc:
            messages.error(request, str(exc))
            return redirect(document)
        messages.success(request, _("已更正并采纳。"))
    else:
        messages.error(request, _("未知的审核操作。"))
    return redirect(f"{document.get_absolute_url()}#fact-{fact.key}")


@login_required
@require_POST
def document_accept_all(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for_write(request, pk)
    n = accept_all(document=document, user=request.user)
    messages.success(request, _("已采纳 %(n)d 条待审核事实。") % {"n": n})
    return redirect(document)


@login_required
@require_POST
def document_to_lead(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for_write(request, pk)
    try:
        lead = lead_from_document(document=document, name=request.POST.get("name", ""), user=request.user)
    except DuplicateLead as exc:
        messages.error(
            request,
            format_html(
                '{} <a href="{}">{}</a>', str(exc), exc.existing.get_absolute_url(), _("查看已有线索")
            ),
        )
    except ConversionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>', _("已创建招商线索。"), lead.get_absolute_url(), lead.enterprise
            ),
        )
    return redirect(document)


@login_required
@require_POST
def fact_to_project(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_for_write(request, pk)
    fact = _posted_fact(request, document)
    try:
        project = draft_project(fact=fact, name=request.POST.get("name", ""), user=request.user)
    except ConversionError as exc:
        messages.error(request, str(exc))
        return redirect(document)
    messages.success(request, _("已建立台账草稿（线索阶段），请核实后推进。"))
    return redirect(project)
