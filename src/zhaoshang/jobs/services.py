"""Queueing, claiming, running and recovering background jobs.

The queue (django-tasks: the database by default, Redis through RQ for scale) carries only a job's id.
`run` claims the job in one UPDATE (queued → running), so a job enqueued twice, or picked up by two
workers, runs once. Work that writes does so in its own transaction (an import is all or nothing), so a
worker killed mid-job leaves nothing confirmed; `recover` — run whenever a worker starts — finds jobs whose
worker process on this machine has died and queues them again, up to JOB_MAX_ATTEMPTS runs, then fails them
visibly with a retry offered.
"""

from __future__ import annotations

import logging
import os
import socket
import traceback
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zhaoshang.core.localtime import local_text
from zhaoshang.jobs.kinds import KINDS, handler_for
from zhaoshang.jobs.models import Job, JobState

logger = logging.getLogger(__name__)


class JobRefused(Exception):
    """A job that may not be queued (again): the message is for the user, in Chinese."""


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_alive(worker: str) -> bool:
    """Whether the process that claimed a job still runs. A worker on another machine is assumed alive."""
    host, _sep, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _refusal_for(key: str) -> str | None:
    earlier = Job.objects.filter(key=key).exclude(state=JobState.FAILED).order_by("pk").first()
    if earlier is None:
        return None
    if earlier.state == JobState.DONE:
        when = timezone.localtime(earlier.finished_at or earlier.created_at).strftime("%Y-%m-%d %H:%M")
        return _("同一文件已于 %(when)s 导入（后台任务 #%(n)d），不再重复导入。") % {
            "when": when,
            "n": earlier.pk,
        }
    return _("同一文件正在后台导入（后台任务 #%(n)d），请等待其完成。") % {"n": earlier.pk}


def queue(
    *, kind: str, title: str, user: Any, params: dict[str, Any], key: str = "", region: Any = None
) -> Job:
    """Record a job and put it on the queue once the surrounding transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    if key and (refusal := _refusal_for(key)):
        raise JobRefused(refusal)
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                title=title[:200],
                user=user if getattr(user, "pk", None) else None,
                region=region if region is not None else getattr(user, "region", None),
                params=params,
                key=key,
            )
            job.note(_("%(when)s 提交") % {"when": local_text()})
            job.save(update_fields=["log"])
    except IntegrityError as exc:  # the same key queued at the same moment by another request
        raise JobRefused(_refusal_for(key) or _("同一文件已在后台导入。")) from exc
    transaction.on_commit(lambda: enqueue(job.pk))
    return job


def enqueue(job_id: int) -> None:
    from zhaoshang.jobs.tasks import run_job

    result = run_job.enqueue(job_id)
    Job.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


def claim(job_id: int) -> Job | None:
    """Move a queued job to running for this worker; None when it is not queued (already claimed, done…)."""
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        worker=this_worker(),
        progress=0,
        stage="",
        error="",
    )
    return Job.objects.select_related("user", "region").get(pk=job_id) if claimed else None


def run(job_id: int) -> str:
    """Run a job once (the task's body); returns its state."""
    job = claim(job_id)
    if job is None:
        logger.info("job %s not queued any more: not run again", job_id)
        return "skipped"
    logger.info("job %s (%s) started by %s, attempt %s", job.pk, job.kind, job.worker, job.attempts)

    def progress(percent: int, stage: str) -> None:
        Job.objects.filter(pk=job.pk).update(progress=max(0, min(100, percent)), stage=stage[:200])

    job.note(
        _("%(when)s 开始运行（第 %(n)d 次，%(worker)s）")
        % {"when": local_text(), "n": job.attempts, "worker": job.worker}
    )
    try:
        outcome = handler_for(job.kind)(job, progress)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        job.state, job.retryable = JobState.FAILED, True
        job.error = _("任务运行出错，未完成；已写入的部分已撤销。可重试，或将运行日志交给系统管理员。")
        job.note(traceback.format_exc())
    else:
        job.state = JobState.DONE if outcome.ok else JobState.FAILED
        job.summary, job.result, job.retryable = outcome.summary, outcome.result, outcome.retryable
        job.error = "" if outcome.ok else outcome.summary
        if outcome.ok:
            job.progress = 100
        logger.info("job %s (%s) %s: %s", job.pk, job.kind, job.state, outcome.summary)
    job.finished_at = timezone.now()
    job.note(_("%(when)s 结束：%(state)s") % {"when": local_text(), "state": job.get_state_display()})
    job.save(
        update_fields=["state", "progress", "summary", "result", "error", "retryable", "log", "finished_at"]
    )
    return str(job.state)


def recover() -> list[Job]:
    """Jobs whose worker on this machine died mid-run: queued again, or failed after JOB_MAX_ATTEMPTS runs."""
    found = []
    for job in Job.objects.filter(state=JobState.RUNNING).order_by("pk"):
        if worker_alive(job.worker):
            continue
        found.append(job)
        if job.attempts < settings.JOB_MAX_ATTEMPTS:
            job.state, job.stage, job.progress = JobState.QUEUED, _("后台进程中断，已重新排队"), 0
            job.note(
                _("%(when)s 后台进程 %(worker)s 在运行中终止，未写入任何数据；已重新排队。")
                % {"when": local_text(), "worker": job.worker}
            )
            logger.warning("job %s: worker %s died mid-run; queued again", job.pk, job.worker)
        else:
            job.state, job.retryable, job.finished_at = JobState.FAILED, True, timezone.now()
            job.error = _("后台进程在运行中多次终止（%(n)d 次），任务未完成，未写入任何数据。可重试。") % {
                "n": job.attempts
            }
            job.note(job.error)
            logger.error(
                "job %s: worker %s died mid-run, %s attempts: failed", job.pk, job.worker, job.attempts
            )
        job.save(update_fields=["state", "stage", "progress", "retryable", "finished_at", "error", "log"])
        if job.state == JobState.QUEUED:
            enqueue(job.pk)
    return found


def retry(job: Job) -> None:
    """Queue a failed job again (only where running it again may change the outcome)."""
    if job.state != JobState.FAILED or not job.retryable:
        raise JobRefused(_("该任务不能重试。"))
    if job.key and (refusal := _refusal_for(job.key)):
        raise JobRefused(refusal)
    try:
        with transaction.atomic():
            updated = Job.objects.filter(pk=job.pk, state=JobState.FAILED).update(
                state=JobState.QUEUED,
                attempts=0,
                error="",
                retryable=False,
                finished_at=None,
                progress=0,
                stage="",
            )
    except IntegrityError as exc:
        raise JobRefused(_refusal_for(job.key) or _("该任务不能重试。")) from exc
    if not updated:
        raise JobRefused(_("该任务不能重试。"))
    job.refresh_from_db()
    job.note(_("%(when)s 重新提交") % {"when": local_text()})
    job.save(update_fields=["log"])
    transaction.on_commit(lambda: enqueue(job.pk))
