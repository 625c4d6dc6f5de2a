from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from zhaoshang.core.command import BaseCommand
from zhaoshang.records.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "备份数据库内容与上传文件（MEDIA_ROOT）到一个 .tar.gz 或 .zip 文件，附 manifest（各表行数与校验和、版本、时间）。"
        "不含全国企业库目录（UNIVERSE_DIR）：它可用 `zhaoshang universe generate/import` 重新生成。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="备份文件路径，以 .tar.gz（默认格式）或 .zip 结尾")

    def handle(self, *args, **options) -> None:
        path: Path = options["path"]
        if path.suffix not in (".gz", ".tgz", ".zip"):
            path = path.with_name(path.name + ".tar.gz")
        try:
            manifest = create_backup(path, progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成：{path}（{len(manifest['tables'])} 个表，{rows:,} 行，{files} 个上传文件，"
                f"{path.stat().st_size / 2**20:.1f} MB）"
            )
        )
