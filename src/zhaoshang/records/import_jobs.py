"""Large web imports as background jobs: the staged file is kept under its digest, the import runs in the
worker exactly as it runs in the request (all or nothing, the same row-level report), and the report is
shown on the job's page. A confirmed import of one file is done once: its key is the file's digest."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from zhaoshang.jobs import services
from zhaoshang.jobs.kinds import Outcome, Progress
from zhaoshang.jobs.models import Job
from zhaoshang.records.imports import Importer, ImportReport, importer_for, run_import

KIND = "import"
PREVIEW_ROWS = 200  # the rows of the preview the page shows (as import_views.PREVIEW_ROWS)
ERRORS_SHOWN = 1000


def directory() -> Path:
    path = Path(settings.MEDIA_ROOT) / "jobs" / "imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _keep(path: Path, sha: str) -> str:
    """Copy a staged file to the jobs' folder under its digest (readable by the server's user only)."""
    name = f"{sha}{path.suffix.lower()}"
    target = directory() / name
    if not target.exists():
        partial = target.with_suffix(target.suffix + ".part")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as out, path.open("rb") as source:
            shutil.copyfileobj(source, out)
        partial.replace(target)
    return name


def queue_import(
    importer: Importer, path: Path, name: str, *, dry_run: bool, mapping: dict[str, str], rows: int
) -> Job:
    """Queue the import (or its dry run) of a staged file; JobRefused when this file was imported already."""
    sha = digest(path)
    label = importer.label
    title = (_("试导入%(label)s：%(name)s") if dry_run else _("导入%(label)s：%(name)s")) % {
        "label": label,
        "name": name,
    }
    params = {
        "kind": importer.kind,
        "file": _keep(path, sha),
        "name": name,
        "dry_run": dry_run,
        "mapping": mapping,
        "rows": rows,
    }
    key = "" if dry_run else f"import:{importer.kind}:{sha}"
    return services.queue(kind=KIND, title=title, user=importer.user, params=params, key=key)


def confirm(job: Job, user: Any) -> Job:
    """Queue the real import of a clean dry run's file (its page's 确认导入)."""
    params = job.params
    path = directory() / params["file"]
    if not (job.kind == KIND and params.get("dry_run") and job.result.get("confirmable")):
        raise services.JobRefused(_("该任务不是可确认的试导入。"))
    if not path.is_file():
        raise services.JobRefused(_("上传的文件已失效，请重新上传。"))
    importer = importer_for(params["kind"], user=user)
    if refusal := importer.refusal():
        raise services.JobRefused(refusal)
    return queue_import(
        importer, path, params["name"], dry_run=False, mapping=params["mapping"], rows=params["rows"]
    )


def report_data(report: ImportReport) -> dict[str, Any]:
    """The report as the job keeps it: every figure, the first errors and the first rows of the preview
    (one more of each than the page shows, so it can say that there are more)."""
    return {
        "kind": report.kind,
        "dry_run": report.dry_run,
        "committed": report.committed,
        "ok": report.ok,
        "created": report.created,
        "changed": report.changed,
        "unchanged": report.unchanged,
        "rejected": report.rejected,
        "total_rows": report.total_rows,
        "error_count": len(report.errors),
        "side_effects": report.side_effects,
        "ignored_columns": report.ignored_columns,
        "understood": report.understood(),
        "errors": [asdict(e) for e in report.errors[: ERRORS_SHOWN + 1]],
        "outcomes": [asdict(o) for o in report.outcomes[: PREVIEW_ROWS + 1]],
    }


def run(job: Job, progress: Progress) -> Outcome:
    """The worker's side: import the job's file as its user."""
    params = job.params
    user = job.user
    if user is None or not user.is_active:
        return Outcome(_("提交人的账号已停用或删除，未导入任何数据。"), ok=False)
    path = directory() / params["file"]
    if not path.is_file():
        return Outcome(_("上传的文件已不在服务器上，未导入任何数据，请重新上传。"), ok=False)
    importer = importer_for(params["kind"], user=user)
    progress(5, _("读取并检查 %(n)d 行") % {"n": params.get("rows", 0)})
    report = run_import(importer, path, dry_run=params["dry_run"], mapping=params.get("mapping") or {})
    progress(100 if report.ok else 0, "")
    confirmable = report.dry_run and report.ok
    # Refused rows stay refused; a failure of the file as a whole (the database) may not.
    retryable = not report.ok and not report.rejected_rows
    if not (confirmable or retryable):
        _discard(job, path)
    return Outcome(
        report.summary(),
        ok=report.ok,
        result={"report": report_data(report), "confirmable": confirmable},
        retryable=retryable,
    )


def _discard(job: Job, path: Path) -> None:
    """Remove a job's file unless another job still needs it."""
    others = Job.objects.filter(kind=KIND, params__file=job.params["file"]).exclude(pk=job.pk)
    if not others.filter(state__in=("queued", "running")).exists():
        path.unlink(missing_ok=True)
