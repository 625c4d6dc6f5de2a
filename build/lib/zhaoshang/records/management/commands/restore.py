from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from zhaoshang.core.command import BaseCommand
from zhaoshang.records.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "从 `zhaoshang backup` 的备份文件恢复数据库与上传文件：先迁移数据库结构，只写入空数据库"
        "（非空时拒绝，除非加 --force 清空后覆盖），载入后逐表核对行数与校验和，不一致则整体撤销。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="备份文件（.tar.gz 或 .zip）")
        parser.add_argument("--force", action="store_true", help="目标数据库已有数据时，清空后用备份覆盖")

    def handle(self, *args, **options) -> None:
        try:
            result = restore_backup(options["path"], force=options["force"], progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"恢复完成：{result.tables} 个表、{result.rows:,} 行与备份逐表一致，{result.files} 个上传文件已还原。"
            )
        )
