"""A background job: long work (a large import, …) queued from a page and run by `zhaoshang worker`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("运行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


OPEN_STATES = (JobState.QUEUED, JobState.RUNNING)


class Job(models.Model):
    """One piece of long work and what came of it, as the pages show it.

    The queue itself (django-tasks: the database or Redis) only carries the job's id; this record holds who
    queued what for which district, the state, the progress, the result and the error. A worker claims a job
    by moving it from queued to running in one UPDATE, so it runs once however often it was enqueued. `key`
    makes work that must not happen twice (a confirmed import of one file) unique among jobs not failed.
    """

    kind = models.CharField(_("类型"), max_length=40)
    title = models.CharField(_("任务"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所属区划"), null=True, blank=True, on_delete=models.PROTECT
    )
    params = models.JSONField(_("参数"), default=dict, blank=True)
    key = models.CharField(_("幂等键"), max_length=120, blank=True, default="")
    state = models.CharField(_("状态"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    stage = models.CharField(_("当前步骤"), max_length=200, blank=True, default="")
    summary = models.TextField(_("结果"), blank=True, default="")
    result = models.JSONField(_("结果明细"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True, default="")
    log = models.TextField(_("运行日志"), blank=True, default="")
    retryable = models.BooleanField(_("可重试"), default=False)
    attempts = models.PositiveSmallIntegerField(_("运行次数"), default=0)
    worker = models.CharField(_("后台进程"), max_length=120, blank=True, default="")  # host:pid
    task_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=~Q(key="") & ~Q(state=JobState.FAILED),
                name="job_key_once_unless_failed",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def worker_lost(self) -> bool:
        """Running, but its worker process on this machine is gone (killed): it is queued again, or failed,
        when a worker next starts."""
        from zhaoshang.jobs.services import worker_alive

        return self.state == JobState.RUNNING and not worker_alive(self.worker)

    def note(self, line: str) -> None:
        """Append a line to the precise log (saved by the caller)."""
        self.log = f"{self.log}{line.rstrip()}\n"
