"""zhaoshang remind: the day's reminders (every registered source), digests, then delivery of the outbox."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from zhaoshang.core.command import BaseCommand
from zhaoshang.notify import delivery, services
from zhaoshang.notify.sources import SOURCES

logger = logging.getLogger(__name__)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text!r}") from exc


class Command(BaseCommand):
    help = (
        "发送提醒：运行各模块登记的提醒来源，按用户订阅（类型、提前天数、邮件）写入站内消息和发件箱，"
        "同一用户当天新提醒超过阈值时合并为每日汇总，然后发送发件箱中到期的消息（邮件、企业微信、钉钉、飞书）。"
        "同一天重复运行不会重复发送。有消息发送失败时以非零状态退出（将按退避间隔重试）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="按哪一天计算提醒（YYYY-MM-DD，默认今天）")
        parser.add_argument("--kind", action="append", help="只运行这一类提醒（可重复；默认全部）")
        parser.add_argument(
            "--deliver-only", action="store_true", help="不计算新提醒，只发送发件箱中到期的消息"
        )
        parser.add_argument("--no-deliver", action="store_true", help="只写入消息和发件箱，不发送")

    def handle(self, *args: Any, **options: Any) -> None:
        today = _day(options["date"]) if options["date"] else timezone.localdate()
        kinds = options["kind"]
        if kinds:
            unknown = sorted(set(kinds) - set(SOURCES))
            if unknown:
                raise CommandError(f"未登记的提醒类型：{'、'.join(unknown)}（可用：{'、'.join(SOURCES)}）")
        if not options["deliver_only"]:
            try:
                written = services.run_reminders(today, kinds=kinds)
            except Exception as exc:
                logger.exception("reminders for %s failed", today)
                raise CommandError(f"计算提醒失败，未写入任何消息：{exc}") from exc
            self.stdout.write(
                f"{today.isoformat()}：收集提醒 {written.collected} 条，新站内消息 {written.messages} 条"
                f"（其中每日汇总 {written.digests} 条），新发件 {written.outbox} 条"
            )
        if options["no_deliver"]:
            return
        report = delivery.deliver()
        self.stdout.write(
            f"发送：成功 {report.sent} 条，待重试 {report.retrying} 条，失败 {report.failed} 条"
            + (f"，中断 {report.abandoned} 条" if report.abandoned else "")
        )
        if report.problems:
            raise CommandError(
                f"有 {report.problems} 条消息未能发送，详见发件箱页面（/messages/outbox/）；待重试的将按退避间隔再次发送。",
                returncode=1,
            )
