"""Deleting records to the recycle bin (回收站), the bin itself, and restoring from it.

One confirm page serves every kind (project, lead, target, chain member); the apps route their own
`…/<pk>/delete/` URL here with the kind. Who may delete or restore: accounts.permissions.can_delete.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhaoshang.accounts.permissions import can_delete
from zhaoshang.core.forms import DeleteForm, RestoreForm
from zhaoshang.records import locks
from zhaoshang.records.locks import PeriodLocked
from zhaoshang.records.trash import (
    KINDS,
    DeletionError,
    Kind,
    RestoreConflict,
    delete_record,
    deleted_entries,
    restore_record,
)


def _kind(key: str) -> Kind:
    if key not in KINDS:
        raise Http404
    return KINDS[key]


def _allowed(request: HttpRequest, obj: Any) -> Any:
    if not can_delete(request.user, obj):
        raise PermissionDenied(_("您无权删除或恢复此记录（仅区县管理员、市级管理员可以）。"))
    return obj


def _url_of(kind: Kind, obj: Any) -> str:
    return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else kind.back(obj)


@login_required
def delete(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """GET: the confirm form; POST: move the record to the recycle bin."""
    k = _kind(kind)
    obj = _allowed(request, get_object_or_404(k.alive(request.user), pk=pk))
    reports = locks.locked_periods(obj)
    amendable = k.amendable
    form = DeleteForm(request.POST if request.method == "POST" else None, amendable=amendable)
    if request.method == "POST" and form.is_valid():
        title = k.title(obj)
        try:
            delete_record(
                obj=obj,
                user=request.user,
                reason=form.cleaned_data["reason"],
                amendment_reason=form.cleaned_data.get("amendment_reason", ""),
            )
        except DeletionError as exc:
            form.add_error("reason", str(exc))
        except PeriodLocked as exc:
            form.add_error("amendment_reason", str(exc))
        else:
            messages.success(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("已删除“%(title)s”，可在回收站恢复。") % {"title": title},
                    reverse("trash:index"),
                    _("打开回收站"),
                ),
            )
            return redirect(k.back(obj))
    context = {
        "kind": k,
        "object": obj,
        "title": k.title(obj),
        "form": form,
        "reports": reports,
        "cancel_url": _url_of(k, obj),
        "starred": ["amendment_reason"] if reports else [],
    }  # needed once figures were reported
    return render(request, "records/confirm_delete.html", context)


@login_required
def trash(request: HttpRequest) -> HttpResponse:
    """The recycle bin: deleted records within reach, with who deleted them, when and why."""
    kind = request.GET.get("kind", "")
    entries = [
        (entry, can_delete(request.user, entry.record)) for entry in deleted_entries(request.user, kind)
    ]
    return render(
        request,
        "records/trash.html",
        {"entries": entries, "kinds": KINDS.values(), "kind": kind if kind in KINDS else ""},
    )


@login_required
@require_POST
def restore(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    k = _kind(kind)
    obj = _allowed(request, get_object_or_404(k.deleted(request.user), pk=pk))
    form = RestoreForm(request.POST)
    if form.is_valid():
        try:
            restore_record(obj=obj, user=request.user, amendment_reason=form.cleaned_data["amendment_reason"])
        except RestoreConflict as exc:
            messages.error(request, str(exc))
            return redirect("trash:index")
        except PeriodLocked as exc:
            form.add_error("amendment_reason", str(exc))
        else:
            messages.success(request, _("已恢复“%(title)s”。") % {"title": k.title(obj)})
            return redirect(_url_of(k, obj))
    context = {"kind": k, "object": obj, "title": k.title(obj), "form": form}
    return render(request, "records/confirm_restore.html", context)
