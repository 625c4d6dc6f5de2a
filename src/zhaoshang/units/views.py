"""Responsible-unit pages: the list (and its export) for the district, a unit with its members, creating and
editing units, adding and creating unit users; and 本单位, a unit user's own unit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhaoshang.accounts.permissions import (
    can_edit_unit,
    can_export,
    can_manage_units,
    refuse_posted_region,
)
from zhaoshang.accounts.scoping import for_user, is_unit_user
from zhaoshang.core.downloads import attachment
from zhaoshang.records.history import history_url
from zhaoshang.units.exports import units_workbook
from zhaoshang.units.forms import MemberForm, UnitForm, UnitUserForm, add_problems
from zhaoshang.units.membership import unit_of
from zhaoshang.units.models import ResponsibleUnit, UnitKind, UnitMember
from zhaoshang.units.services import (
    UnitError,
    add_member,
    create_unit,
    create_unit_user,
    remove_member,
    update_unit,
)


def _units(request: HttpRequest):
    members = Prefetch("members", queryset=UnitMember.objects.select_related("user"))
    rows = for_user(ResponsibleUnit.objects.all(), request.user).select_related("region")
    if (kind := request.GET.get("kind")) in UnitKind.values:
        rows = rows.filter(kind=kind)
    return rows.prefetch_related(members).order_by("region__code", "kind", "name")


def _editable(request: HttpRequest, pk: int) -> ResponsibleUnit:
    """A unit within reach (else 404) that the user may manage (else 403)."""
    unit = get_object_or_404(for_user(ResponsibleUnit.objects.select_related("region"), request.user), pk=pk)
    if not can_edit_unit(request.user, unit):
        raise PermissionDenied(_("只有区县管理员或市级管理员可以管理责任单位。"))
    return unit


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    context = {
        "units": _units(request),
        "kinds": UnitKind.choices,
        "can_manage": can_manage_units(request.user),
        "can_export": can_export(request.user),
    }
    return render(request, "units/unit_list.html", context)


@login_required
def unit_export(request: HttpRequest) -> HttpResponse:
    if not can_export(request.user):
        raise PermissionDenied(_("没有导出权限。"))
    return attachment(units_workbook(_units(request)), _("责任单位.xlsx"))


def _save(request: HttpRequest, form: UnitForm, unit: ResponsibleUnit | None) -> ResponsibleUnit | None:
    data = form.cleaned_data
    try:
        if unit is None:
            return create_unit(
                region=data["region"],
                name=data["name"],
                short_name=data["short_name"],
                kind=data["kind"],
                is_active=data["is_active"],
                actor=request.user,
            )
        fields = {k: data[k] for k in ("name", "short_name", "kind", "is_active")}
        return update_unit(unit, actor=request.user, **fields)
    except UnitError as exc:
        add_problems(form, exc)
        return None


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_units(request.user):
        raise PermissionDenied(_("只有区县管理员或市级管理员可以管理责任单位。"))
    refuse_posted_region(request, can_manage_units)
    form = UnitForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and (unit := _save(request, form, None)) is not None:
        messages.success(request, _("已新建责任单位“%(name)s”。") % {"name": unit.name})
        return redirect(unit)
    return render(request, "units/unit_form.html", {"form": form})


@login_required
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _editable(request, pk)
    form = UnitForm(request.POST or None, instance=unit, user=request.user)
    if request.method == "POST" and form.is_valid() and _save(request, form, unit) is not None:
        messages.success(request, _("已保存。"))
        return redirect(unit)
    unit.refresh_from_db()  # the form's cleaning wrote the posted values onto the instance
    return render(request, "units/unit_form.html", {"form": form, "unit": unit})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(for_user(ResponsibleUnit.objects.select_related("region"), request.user), pk=pk)
    editable = can_edit_unit(request.user, unit)
    context = {
        "unit": unit,
        "members": unit.members.select_related("user").order_by("-is_head", "user__username"),
        "can_edit": editable,
        "member_form": MemberForm(unit=unit) if editable else None,
        "user_form": UnitUserForm() if editable else None,
        "history_url": history_url(unit),
    }
    return render(request, "units/unit_detail.html", context)


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an existing unit account (form `member`) or create a new one (form `new`)."""
    unit = _editable(request, pk)
    if request.POST.get("form") == "new":
        user_form = UnitUserForm(request.POST)
        member_form = MemberForm(unit=unit)
        if user_form.is_valid():
            data = user_form.cleaned_data
            try:
                user = create_unit_user(
                    unit,
                    username=data["username"],
                    full_name=data["full_name"],
                    password=data["password"],
                    is_head=data["is_head"],
                    actor=request.user,
                )
            except UnitError as exc:
                add_problems(user_form, exc)
            else:
                messages.success(request, _("已创建账号“%(u)s”并加入本单位。") % {"u": user.username})
                return redirect(unit)
    else:
        user_form = UnitUserForm()
        member_form = MemberForm(request.POST, unit=unit)
        if member_form.is_valid():
            try:
                add_member(
                    unit,
                    user=member_form.cleaned_data["user"],
                    is_head=member_form.cleaned_data["is_head"],
                    actor=request.user,
                )
            except UnitError as exc:
                add_problems(member_form, exc)
            else:
                messages.success(request, _("已添加成员。"))
                return redirect(unit)
    context = {
        "unit": unit,
        "members": unit.members.select_related("user"),
        "can_edit": True,
        "member_form": member_form,
        "user_form": user_form,
        "history_url": history_url(unit),
    }
    return render(request, "units/unit_detail.html", context, status=400)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    unit = _editable(request, pk)
    member = get_object_or_404(UnitMember.objects.select_related("user"), pk=member_pk, unit=unit)
    remove_member(member, actor=request.user)
    messages.success(request, _("已将“%(u)s”移出本单位。") % {"u": member.user})
    return redirect(unit)


@login_required
def unit_mine(request: HttpRequest) -> HttpResponse:
    """本单位: the unit a 责任单位 user acts for, with its members (others are sent to the list)."""
    unit = unit_of(request.user)
    if unit is None and not is_unit_user(request.user):
        return redirect("units:list")
    members = unit.members.select_related("user") if unit is not None else []
    return render(request, "units/unit_mine.html", {"unit": unit, "members": members})
