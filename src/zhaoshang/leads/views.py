"""Lead CRM pages: list and board by stage, detail with visits, creation, conversion into a project."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhaoshang.accounts.permissions import can_create_lead, can_edit_lead, refuse_posted_region
from zhaoshang.accounts.scoping import for_user
from zhaoshang.enterprises.services import find_or_create_enterprise
from zhaoshang.leads.forms import ConvertForm, LeadForm, VisitForm
from zhaoshang.leads.models import OPEN_STAGES, Lead, LeadStage
from zhaoshang.leads.services import (
    DuplicateLead,
    LeadError,
    convert_to_project,
    create_lead,
    funnel,
    log_visit,
)
from zhaoshang.projects.services import disclose


def _writable_lead(request: HttpRequest, pk: int) -> Lead:
    """A lead within reach (else 404) that the user may work on (else 403: leaders read only, an officer
    works on their own leads)."""
    lead = get_object_or_404(for_user(Lead.objects.all(), request.user), pk=pk)
    if not can_edit_lead(request.user, lead):
        raise PermissionDenied(_("您无权修改此线索。"))
    return lead


@login_required
def lead_list(request: HttpRequest) -> HttpResponse:
    leads = for_user(Lead.objects.all(), request.user).select_related(
        "enterprise", "region", "segment", "owner"
    )
    # Only a known stage filters: anything else (on PostgreSQL a NUL byte would even be a DataError) is ignored.
    if (stage := request.GET.get("stage")) in LeadStage.values:
        leads = leads.filter(stage=stage)
    if request.GET.get("overdue"):
        leads = leads.overdue()
    if request.GET.get("mine"):
        leads = leads.filter(owner=request.user)
    board = [(LeadStage(s).label, s, [lead for lead in leads if lead.stage == s]) for s in LeadStage.values]
    context = {
        "leads": leads,
        "board": board,
        "view": request.GET.get("view", "list"),
        "funnel": funnel(for_user(Lead.objects.all(), request.user)),
        "overdue": for_user(Lead.objects.overdue(), request.user).count(),
        "stages": LeadStage.choices,
    }
    return render(request, "leads/lead_list.html", context)


@login_required
def lead_create(request: HttpRequest) -> HttpResponse:
    if not can_create_lead(request.user):
        raise PermissionDenied(_("您的角色不能录入线索。"))
    refuse_posted_region(request, can_create_lead)
    form = LeadForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        enterprise = find_or_create_enterprise(form.cleaned_data["enterprise_name"])
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("enterprise_name", "region")}
        try:
            lead = create_lead(
                enterprise=enterprise, region=form.cleaned_data["region"], user=request.user, **fields
            )
        except DuplicateLead as exc:
            messages.error(
                request,
                format_html(
                    '{} <a href="{}">{}</a>', str(exc), exc.existing.get_absolute_url(), _("查看已有线索")
                ),
            )
        else:
            messages.success(request, _("线索已创建。"))
            return redirect(lead)
    return render(request, "leads/lead_form.html", {"form": form})


@login_required
def lead_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _writable_lead(request, pk)
    form = LeadForm(request.POST or None, instance=lead, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("线索已保存。"))
        return redirect(lead)
    return render(request, "leads/lead_form.html", {"form": form, "lead": lead})


@login_required
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lead = get_object_or_404(
        for_user(Lead.objects.all(), request.user).select_related(
            "enterprise", "region", "segment", "owner", "project"
        ),
        pk=pk,
    )
    if lead.project is not None:  # a confidential project: the lead's firm is its investor
        disclose(lead.project, request.user)
    is_open = lead.stage in OPEN_STAGES
    context = {
        "lead": lead,
        "visits": lead.visits.select_related("created_by"),
        "is_open": is_open,
        "visit_form": VisitForm() if is_open else None,
        "convert_form": ConvertForm(
            initial={"name": _("%(firm)s项目") % {"firm": lead.enterprise.short_name or lead.enterprise.name}}
        )
        if is_open
        else None,
    }
    return render(request, "leads/lead_detail.html", context)


@login_required
@require_POST
def lead_visit(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _writable_lead(request, pk)
    form = VisitForm(request.POST)
    if form.is_valid():
        try:
            log_visit(lead=lead, user=request.user, **form.cleaned_data)
        except LeadError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("走访记录已保存。"))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}：{'；'.join(errors)}")
    return redirect(lead)


@login_required
@require_POST
def lead_convert(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _writable_lead(request, pk)
    form = ConvertForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写项目名称。"))
        return redirect(lead)
    try:
        project = convert_to_project(lead=lead, name=form.cleaned_data["name"], user=request.user)
    except LeadError as exc:
        messages.error(request, str(exc))
        return redirect(lead)
    messages.success(request, _("线索已转化为台账项目。"))
    return redirect(project)
