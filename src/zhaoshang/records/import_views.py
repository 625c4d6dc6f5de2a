"""The import pages, the same for every kind: template download, upload → preview (dry run) → confirm,
column mapping, and exports of each list in the template's layout (scoped, filtered like the list)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhaoshang.accounts.permissions import can_export, can_manage_job
from zhaoshang.accounts.scoping import for_user
from zhaoshang.core.downloads import attachment
from zhaoshang.jobs.models import Job
from zhaoshang.jobs.services import JobRefused
from zhaoshang.records import import_jobs
from zhaoshang.records.import_jobs import queue_import
from zhaoshang.records.imports import importer_class, importer_for, run_import, staging
from zhaoshang.records.imports.forms import ImportForm, column_choices, mapping_from, mapping_rows
from zhaoshang.records.imports.kinds import KINDS
from zhaoshang.records.imports.reading import TableError, read_headers
from zhaoshang.records.imports.size import count_rows
from zhaoshang.records.imports.workbook import export_workbook, template_workbook

PREVIEW_ROWS = 200


@login_required
def index(request: HttpRequest) -> HttpResponse:
    kinds = []
    for kind in KINDS:
        importer = importer_for(kind, user=request.user)
        kinds.append(
            {
                "kind": kind,
                "label": importer.label,
                "can_import": importer.refusal() is None,
                "columns": importer.columns,
            }
        )
    return render(
        request, "records/import_index.html", {"kinds": kinds, "can_export": can_export(request.user)}
    )


@login_required
def template(request: HttpRequest, kind: str) -> HttpResponse:
    cls = importer_class(kind)
    return attachment(
        template_workbook(cls.columns, str(cls.label)), _("%(label)s导入模板.xlsx") % {"label": cls.label}
    )


@login_required
def export(request: HttpRequest, kind: str) -> HttpResponse:
    """The list the user can see (and, for the ledger, the same filters as the list page)."""
    if not can_export(request.user):
        raise PermissionDenied(_("您没有导出数据的权限。"))
    importer = importer_for(kind, user=request.user)
    rows = for_user(importer.model._default_manager.all(), request.user)
    if importer.filterset:
        filterset = import_string(importer.filterset)(request.GET, queryset=rows, request=request)
        rows = filterset.qs if filterset.is_valid() else rows.none()
    own = getattr(request.user, "region", None)
    content = export_workbook(
        importer.columns, importer.export_rows(rows), str(importer.label), region=own.name if own else ""
    )
    return attachment(content, f"{importer.label}-{date.today():%Y%m%d}.xlsx")


@login_required
def import_page(request: HttpRequest, kind: str) -> HttpResponse:
    importer = importer_for(kind, user=request.user)
    if refusal := importer.refusal():
        raise PermissionDenied(refusal)
    form = ImportForm(request.POST or None, request.FILES or None)
    report, token, headers, mapping = None, "", [], {}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = staging.stage(request.session, kind, upload) if upload else form.cleaned_data["token"]
        found = staging.staged(request.session, kind, token)
        if found is None:
            form.add_error("file", _("上传的文件已失效，请重新上传。"))
            token = ""
        else:
            path, name = found
            try:
                headers = read_headers(path, importer.columns)
            except TableError as exc:
                headers = []
                form.add_error("file", str(exc))
            mapping = mapping_from(request.POST, headers)
            rows = count_rows(path) if headers else 0
            if rows > settings.IMPORT_JOB_ROWS:
                # Minutes of work: the worker runs it (the same import, all or nothing); its page shows
                # the progress and then the same report.
                dry_run = form.cleaned_data["dry_run"]
                try:
                    job = queue_import(importer, path, name, dry_run=dry_run, mapping=mapping, rows=rows)
                except JobRefused as exc:
                    messages.error(request, str(exc))
                else:
                    staging.discard(request.session, token)
                    messages.info(
                        request,
                        _("文件共约 %(n)d 行，已转为后台任务 #%(job)d 运行，完成后在本页查看结果。")
                        % {"n": rows, "job": job.pk},
                    )
                    return redirect(job)
            elif headers:
                report = run_import(importer, path, dry_run=form.cleaned_data["dry_run"], mapping=mapping)
                level = (
                    messages.error
                    if report.errors
                    else messages.success
                    if report.committed
                    else messages.info
                )
                level(request, report.summary())
                # Rows refused: the user corrects the sheet and uploads it again. A header problem keeps the
                # file for the column-mapping step.
                if report.committed or report.rejected_rows:
                    staging.discard(request.session, token)
                    token = ""
    context = {
        "importer": importer,
        "kind": kind,
        "form": form,
        "report": report,
        "token": token,
        "mapping": mapping_rows(headers, importer.columns, mapping) if token else [],
        "choices": column_choices(importer.columns),
        "preview_rows": PREVIEW_ROWS,
        "template_url": f"imports:{kind}_template",
        "export_url": f"imports:{kind}_export",
        "can_export": can_export(request.user),
    }
    return render(request, "records/import_page.html", context)


@login_required
@require_POST
def confirm_job(request: HttpRequest, pk: int) -> HttpResponse:
    """确认导入 on a large file's dry-run job: the real import is queued as a job of its own."""
    job = get_object_or_404(for_user(Job.objects.all(), request.user), pk=pk, kind=import_jobs.KIND)
    if not can_manage_job(request.user, job):
        raise PermissionDenied(_("您无权确认此导入。"))
    try:
        confirmed = import_jobs.confirm(job, request.user)
    except JobRefused as exc:
        messages.error(request, str(exc))
        return redirect(job)
    messages.info(request, _("已提交导入（后台任务 #%(n)d）。") % {"n": confirmed.pk})
    return redirect(confirmed)
