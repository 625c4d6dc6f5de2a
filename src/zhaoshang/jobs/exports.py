"""The list of background jobs as a workbook (the 后台任务 page's 导出 Excel)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from zhaoshang.core.localtime import local_text
from zhaoshang.core.workbooks import INTEGER, Heading, ListSheet, new_book, to_bytes
from zhaoshang.jobs.models import Job


def jobs_workbook(jobs: Iterable[Job]) -> bytes:
    book = new_book()
    sheet = ListSheet(
        book,
        _("后台任务"),
        title=_("后台任务"),
        headings=[
            _("编号"),
            Heading(_("任务"), width=30),
            _("提交人"),
            _("所属区划"),
            _("状态"),
            Heading(_("进度"), "%", INTEGER),
            Heading(_("结果"), width=40),
            Heading(_("错误"), width=40),
            Heading(_("提交时间"), width=20),
            Heading(_("结束时间"), width=20),
        ],
    )
    for job in jobs:
        sheet.append(
            [
                job.pk,
                job.title,
                str(job.user or ""),
                job.region.name if job.region else "",
                job.get_state_display(),
                job.progress,
                job.summary,
                job.error,
                local_text(job.created_at),
                local_text(job.finished_at) if job.finished_at else "",
            ]
        )
    return to_bytes(book)
