"""The targeting page (精准招商): gaps → ranked, explained candidates → Excel or leads."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhaoshang.accounts.pages import page_int, page_number, page_region
from zhaoshang.accounts.permissions import can_create_lead, can_export
from zhaoshang.accounts.scoping import visible_regions
from zhaoshang.chains.models import Chain, Segment
from zhaoshang.chains.services import chain_map
from zhaoshang.core.downloads import attachment
from zhaoshang.core.redirects import safe_next
from zhaoshang.core.workbooks import INTEGER, Heading, ListSheet, money, new_book, to_bytes
from zhaoshang.leads.services import DuplicateLead
from zhaoshang.lib.amounts import to_wan
from zhaoshang.targeting.services import (
    COMPONENT_LABELS,
    CandidateRefused,
    Filters,
    UniverseUnavailable,
    add_to_leads,
    explanation_of,
    feasible_gaps,
    rank,
)

# Bounds of the filters: 10万亿元 of registered capital (in 万元), half the earth's circumference.
MAX_CAPITAL_WAN, MAX_KM, MAX_TOP = 1e9, 20_000.0, 1000


def _query(request: HttpRequest):
    region = page_region(request)
    chain = get_object_or_404(Chain, key=request.GET.get("chain") or "nev")
    names = request.GET.getlist("segment")
    segments = list(Segment.objects.filter(chain=chain, name__in=names))
    filters = Filters(
        province=request.GET.get("province", ""),
        min_capital_wan=int(v) if (v := page_number(request, "min_capital", high=MAX_CAPITAL_WAN)) else None,
        listed_only=bool(request.GET.get("listed")),
        max_distance_km=page_number(request, "max_km", high=MAX_KM),
    )
    return region, chain, segments, filters


def _rows(candidates, weights_explained=True) -> list[dict]:
    rows = []
    for c in candidates:
        explanation = explanation_of(c)
        rows.append(
            {
                "c": c,
                "explanation": explanation,
                "payload": json.dumps(
                    {
                        "uscc": c.uscc,
                        "name": c.name,
                        "district_code": c.district_code,
                        "registered_capital": c.registered_capital,
                        "explanation": explanation,
                    },
                    ensure_ascii=False,
                ),
            }
        )
    return rows


@login_required
def targeting_view(request: HttpRequest) -> HttpResponse:
    region, chain, segments, filters = _query(request)
    cmap = chain_map(chain, region)
    context = {
        "region": region,
        "chain": chain,
        "chains": Chain.objects.all(),
        "segments": segments,
        "gaps": cmap.gaps,
        "all_segments": chain.segments.order_by("order"),
        "filters": filters,
        "feasibility": feasible_gaps(region, chain),
        "rows": [],
        "labels": COMPONENT_LABELS,
    }
    if segments:
        try:
            context["rows"] = _rows(
                rank(region, chain, segments, filters, top=page_int(request, "top", 50, low=1, high=MAX_TOP))
            )
        except UniverseUnavailable as exc:
            messages.error(request, str(exc))
    return render(request, "targeting/targeting.html", context)


@login_required
def targeting_export(request: HttpRequest) -> HttpResponse:
    if not can_export(request.user):
        raise PermissionDenied(_("您没有导出权限。"))
    region, chain, segments, filters = _query(request)
    try:
        candidates = rank(region, chain, segments, filters) if segments else []
    except UniverseUnavailable as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('targeting:page')}?{request.GET.urlencode()}")
    book = new_book()
    sheet = ListSheet(
        book,
        _("候选企业"),
        title=_("%(region)s精准招商候选企业") % {"region": region.name},
        headings=[
            _("排名"),
            Heading(_("企业名称"), width=36),
            Heading(_("统一社会信用代码"), width=22),
            _("所在区县代码"),
            money(_("注册资本"), _("万元")),
            Heading(_("员工数"), _("人"), INTEGER),
            Heading(_("距离"), _("公里"), "0.0"),
            Heading(_("总分"), number_format="0.0000"),
            *[Heading(str(label), number_format="0.0000") for label in COMPONENT_LABELS.values()],
        ],
        unit=_("万元"),
    )
    for c in candidates:
        sheet.append(
            [
                c.rank,
                c.name,
                c.uscc,
                c.district_code,
                to_wan(c.registered_capital, places=4),
                c.employees,
                round(c.distance_km, 1),
                round(c.score, 4),
                *[c.components[k] for k in COMPONENT_LABELS],
            ]
        )
    return attachment(to_bytes(book), f"精准招商-{region.name}.xlsx")


def _candidate_uscc(text: str) -> str:
    """The credit code of a posted candidate (`{"uscc": "…", …}`); nothing else of it is trusted."""
    try:
        candidate = json.loads(text)
    except ValueError:
        candidate = None
    uscc = candidate.get("uscc") if isinstance(candidate, dict) else None
    if not isinstance(uscc, str) or not uscc.strip():
        raise CandidateRefused(_("候选企业数据无效：缺少统一社会信用代码。"))
    return uscc


@login_required
@require_POST
def add_lead(request: HttpRequest) -> HttpResponse:
    region = get_object_or_404(visible_regions(request.user), code=request.POST.get("region"))
    if not can_create_lead(request.user, region):
        raise PermissionDenied(_("您的角色不能录入线索。"))
    ids = [v for v in request.POST.getlist("segment") if v.isdigit() and len(v) <= 12]
    segments = list(Segment.objects.filter(pk__in=ids).select_related("chain"))
    try:
        uscc = _candidate_uscc(request.POST.get("candidate", ""))
        lead = add_to_leads(uscc=uscc, region=region, segments=segments, user=request.user)
    except DuplicateLead as exc:
        messages.error(
            request,
            format_html(
                '{} <a href="{}">{}</a>', str(exc), exc.existing.get_absolute_url(), _("查看已有线索")
            ),
        )
        return redirect(safe_next(request, "targeting:page"))
    except (CandidateRefused, UniverseUnavailable) as exc:
        return render(request, "targeting/add_lead_refused.html", {"message": str(exc)}, status=400)
    messages.success(request, _("已加入招商线索：%(name)s") % {"name": lead.enterprise.name})
    return redirect(lead)
