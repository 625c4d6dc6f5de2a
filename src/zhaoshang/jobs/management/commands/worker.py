"""zhaoshang worker: run background jobs (beside the web server; `make run` starts both)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser

from zhaoshang.core.command import BaseCommand
from zhaoshang.jobs import services


class Command(BaseCommand):
    help = (
        "运行后台任务：先把后台进程中断的任务重新排队（或标为失败），再处理队列"
        "（ZHAOSHANG_TASKS=database：数据库队列；redis：RQ）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--burst", action="store_true", help="处理完队列中的任务后退出（测试、定时运行）")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="队列为空时的轮询间隔（秒，数据库队列）"
        )

    def handle(self, *args: Any, burst: bool, interval: float, **options: Any) -> None:
        for job in services.recover():
            self.stdout.write(f"后台任务 #{job.pk}：上次运行中断，现为“{job.get_state_display()}”")
        verbosity = options.get("verbosity", 1)
        if settings.TASKS_QUEUE == "redis":
            call_command(
                "rqworker", "default", job_class="django_tasks_rq.Job", burst=burst, verbosity=verbosity
            )
        else:
            call_command(
                "db_worker",
                batch=burst,
                interval=interval,
                reload=False,
                startup_delay=False,
                verbosity=verbosity,
            )
