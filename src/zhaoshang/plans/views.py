"""Plan pages: the nodes of a district, a project's plan (make it, complete and delay nodes, export), and
the template editor."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhaoshang.accounts.permissions import (
    can_create_template,
    can_edit_template,
    can_export,
    can_plan,
    can_update_node,
    refuse_posted_region,
)
from zhaoshang.accounts.scoping import for_user
from zhaoshang.core.downloads import attachment
from zhaoshang.plans import exports
from zhaoshang.plans.forms import (
    AssignForm,
    CompleteForm,
    DelayForm,
    PlanForm,
    TemplateForm,
    TemplateNodeFormSet,
    split_codes,
)
from zhaoshang.plans.models import NodeTemplate, Plan, ProjectNode
from zhaoshang.plans.services import (
    NodeInput,
    PlanError,
    assign_node,
    choose_template,
    complete_node,
    create_plan,
    plan_refusal,
    record_delay,
    save_template,
)
from zhaoshang.projects.models import Project

FILTERS = ("open", "overdue", "week", "done", "all")


def _errors(request: HttpRequest, error: PlanError) -> None:
    for problem in error.problems:
        messages.error(request, problem.message)


def _form_errors(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))


def visible_nodes(user) -> object:
    """The nodes the user may see: of projects within reach that are neither deleted nor terminated."""
    return for_user(ProjectNode.objects.live(), user)


def filtered_nodes(request: HttpRequest):
    today = timezone.localdate()
    nodes = visible_nodes(request.user).select_related("project", "project__region", "person")
    state = request.GET.get("state", "open")
    state = state if state in FILTERS else "open"
    if state == "open":
        nodes = nodes.open()
    elif state == "overdue":
        nodes = nodes.overdue(today)
    elif state == "week":
        nodes = nodes.due_between(today, today + timedelta(days=6 - today.weekday()))
    elif state == "done":
        nodes = nodes.filter(actual_on__isnull=False)
    if request.GET.get("mine"):
        nodes = nodes.filter(person=request.user)
    return state, nodes.order_by("planned_on", "project_id", "order")


@login_required
def node_list(request: HttpRequest) -> HttpResponse:
    """节点计划: the district's nodes, open by default, overdue first in colour."""
    today = timezone.localdate()
    state, nodes = filtered_nodes(request)
    counts = visible_nodes(request.user).aggregate(
        open=Count("pk", filter=Q(actual_on__isnull=True)),
        overdue=Count("pk", filter=Q(actual_on__isnull=True, planned_on__lt=today)),
        week=Count(
            "pk",
            filter=Q(
                actual_on__isnull=True,
                planned_on__gte=today,
                planned_on__lte=today + timedelta(days=6 - today.weekday()),
            ),
        ),
    )
    page = Paginator(nodes, 100).get_page(request.GET.get("page"))
    for node in page:
        node.late = node.days_late(today)
    context = {
        "page": page,
        "state": state,
        "counts": counts,
        "today": today,
        "can_export": can_export(request.user),
        "query": request.GET.urlencode(),
    }
    return render(request, "plans/node_list.html", context)


@login_required
def node_list_export(request: HttpRequest) -> HttpResponse:
    if not can_export(request.user):
        raise PermissionDenied(_("您的角色不能导出数据。"))
    _state, nodes = filtered_nodes(request)
    return attachment(exports.nodes_workbook(nodes, today=timezone.localdate()), _("节点计划.xlsx"))


def _project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(for_user(Project.objects.select_related("region", "owner"), request.user), pk=pk)


@login_required
def project_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's plan: its nodes with dates, and the forms to complete, delay and adjust them."""
    project = _project(request, pk)
    today = timezone.localdate()
    plan = Plan.objects.filter(project=project).select_related("template").first()
    nodes = list(
        ProjectNode.objects.filter(project=project).select_related("person").prefetch_related("depends_on")
    )
    for node in nodes:
        node.late = node.days_late(today)
        node.ledger_on = project.stage_date(node.ledger_stage) if node.ledger_stage else None
    may_plan = can_plan(request.user, project)
    context = {
        "project": project,
        "plan": plan,
        "nodes": nodes,
        "today": today,
        "may_plan": may_plan,
        "may_update": bool(nodes) and can_update_node(request.user, nodes[0]),
        "refusal": plan_refusal(project),
        "plan_form": PlanForm(user=request.user, initial_template=choose_template(project))
        if plan is None and may_plan
        else None,
        "complete_form": CompleteForm(),
        "delay_form": DelayForm(),
        "can_export": can_export(request.user),
    }
    return render(request, "plans/project_plan.html", context)


@login_required
@require_POST
def plan_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not can_plan(request.user, project):
        raise PermissionDenied(_("您无权为此项目制定节点计划。"))
    form = PlanForm(request.POST, user=request.user)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("plans:project", project.pk)
    try:
        create_plan(
            project=project,
            user=request.user,
            template=form.cleaned_data["template"],
            start_on=form.cleaned_data["start_on"],
        )
    except PlanError as error:
        _errors(request, error)
    else:
        messages.success(request, _("节点计划已生成。"))
    return redirect("plans:project", project.pk)


@login_required
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not can_export(request.user):
        raise PermissionDenied(_("您的角色不能导出数据。"))
    nodes = ProjectNode.objects.filter(project=project).select_related("project", "project__region", "person")
    return attachment(
        exports.nodes_workbook(nodes, today=timezone.localdate()),
        _("节点计划-%(project)s.xlsx") % {"project": project.title},
    )


def _writable_node(request: HttpRequest, pk: int) -> ProjectNode:
    """A node within reach (else 404) the user may update (else 403)."""
    node = get_object_or_404(visible_nodes(request.user).select_related("project"), pk=pk)
    if not can_update_node(request.user, node):
        raise PermissionDenied(_("您无权更新此节点。"))
    return node


def _back(node: ProjectNode) -> HttpResponse:
    return redirect(node.get_absolute_url())


@login_required
@require_POST
def node_complete(request: HttpRequest, pk: int) -> HttpResponse:
    node = _writable_node(request, pk)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(node)
    try:
        complete_node(
            node=node,
            on=form.cleaned_data["actual_on"],
            evidence_note=form.cleaned_data["evidence_note"],
            user=request.user,
        )
    except PlanError as error:
        _errors(request, error)
    else:
        messages.success(request, _("节点“%(name)s”已完成。") % {"name": node.name})
    return _back(node)


@login_required
@require_POST
def node_delay(request: HttpRequest, pk: int) -> HttpResponse:
    node = _writable_node(request, pk)
    form = DelayForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(node)
    try:
        record_delay(node=node, reason=form.cleaned_data["delay_reason"], user=request.user)
    except PlanError as error:
        _errors(request, error)
    else:
        messages.success(request, _("延期原因已记录。"))
    return _back(node)


@login_required
def node_assign(request: HttpRequest, pk: int) -> HttpResponse:
    node = _writable_node(request, pk)
    if not can_plan(request.user, node.project):
        raise PermissionDenied(_("您无权调整此节点。"))
    form = AssignForm(
        request.POST or None,
        project=node.project,
        initial={"planned_on": node.planned_on, "person": node.person_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            assign_node(
                node=node,
                planned_on=form.cleaned_data["planned_on"],
                person=form.cleaned_data["person"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except PlanError as error:
            _errors(request, error)
        else:
            messages.success(request, _("节点已调整。"))
            return _back(node)
    return render(request, "plans/node_assign.html", {"node": node, "form": form})


# --- templates --------------------------------------------------------------------------------------


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    templates = for_user(NodeTemplate.objects.select_related("region"), request.user).annotate(
        node_count=Count("nodes")
    )
    return render(
        request,
        "plans/template_list.html",
        {"templates": templates, "may_create": can_create_template(request.user, request.user.region)},
    )


def _node_inputs(formset) -> list[NodeInput]:
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE") or not data.get("code"):
            continue
        rows.append(
            NodeInput(
                code=data["code"],
                name=data["name"],
                order=data.get("order") or 0,
                anchor=data["anchor"],
                offset_days=data.get("offset_days") or 0,
                depends_on=split_codes(data.get("depends") or ""),
                evidence=data.get("evidence") or "",
                ledger_stage=data.get("ledger_stage") or "",
                unit_kind=data.get("unit_kind") or "",
            )
        )
    return sorted(rows, key=lambda n: n.order)


def _edit_template(request: HttpRequest, template: NodeTemplate) -> HttpResponse:
    refuse_posted_region(request, can_create_template)
    form = TemplateForm(request.POST or None, instance=template, user=request.user)
    formset = TemplateNodeFormSet(request.POST or None, instance=template, prefix="nodes")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = form.save(commit=False)
        if not (can_edit_template(request.user, saved) if saved.pk else True) or not can_create_template(
            request.user, saved.region
        ):
            raise PermissionDenied(_("您无权编辑此区县的节点模板。"))
        try:
            save_template(template=saved, nodes=_node_inputs(formset), user=request.user)
        except PlanError as error:
            _errors(request, error)
        else:
            messages.success(request, _("节点模板已保存。"))
            return redirect(saved)
    return render(
        request, "plans/template_form.html", {"form": form, "formset": formset, "template": template}
    )


@login_required
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(for_user(NodeTemplate.objects.all(), request.user), pk=pk)
    if request.method == "POST" or can_edit_template(request.user, template):
        if not can_edit_template(request.user, template):
            raise PermissionDenied(_("您无权编辑此节点模板。"))
        return _edit_template(request, template)
    nodes = template.nodes.prefetch_related("depends_on")
    return render(request, "plans/template_detail.html", {"template": template, "nodes": nodes})


@login_required
def template_create(request: HttpRequest) -> HttpResponse:
    if not can_create_template(request.user, request.user.region):
        raise PermissionDenied(_("您无权新建节点模板。"))
    region = request.user.region if request.user.region_id and request.user.region.level == "county" else None
    return _edit_template(request, NodeTemplate(region=region))
