"""zhaoshang intake PATH… — take in press releases and reports (files or folders)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from tqdm import tqdm

from zhaoshang.core.command import BaseCommand
from zhaoshang.intake.gazetteer import build_gazetteer
from zhaoshang.intake.reading import FORMATS, IntakeError, read_path
from zhaoshang.intake.services import DuplicateDocument, ingest


def collect(paths: list[str]) -> list[Path]:
    """The files named, and the supported files under the folders named (sorted, recursively)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS)
        else:
            files.append(path)
    return files


class Command(BaseCommand):
    help = (
        "录入新闻稿、报告（.txt/.html/.htm/.docx 文件或文件夹）：提取数字，存为待审核事实。"
        "与已有文档正文相同的跳过；任一文件无法录入时以非零状态退出。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="文件或文件夹")
        parser.add_argument("--user", help="记为录入人的用户名")

    def handle(self, *args, **options) -> None:
        user = None
        if options.get("user"):
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"找不到用户“{options['user']}”。")
        files = collect(options["paths"])
        if not files:
            raise CommandError("没有找到可录入的文件（支持 .txt、.html、.htm、.docx）。")
        gazetteer = build_gazetteer()
        stored = duplicates = near = 0
        failed: list[tuple[Path, str]] = []
        for path in tqdm(files, desc="录入", unit="篇", file=sys.stderr, disable=len(files) < 2):
            try:
                if not path.is_file():
                    raise IntakeError("文件不存在。")
                document = ingest(raw=read_path(path), gazetteer=gazetteer, user=user)
            except DuplicateDocument as exc:
                duplicates += 1
                self.stdout.write(
                    f"重复  {path}：与文档 #{exc.existing.pk}（{exc.existing}）正文相同，已跳过"
                )
                continue
            except IntakeError as exc:
                failed.append((path, str(exc)))
                self.stderr.write(f"失败  {path}：{exc}")
                continue
            stored += 1
            near += bool(document.near_duplicate_of_id)
            note = f"，与 #{document.near_duplicate_of_id} 相近" if document.near_duplicate_of_id else ""
            self.stdout.write(
                f"已录入 {path} → 文档 #{document.pk}，{document.facts.count()} 个数字待审核{note}"
            )
        self.stdout.write(
            f"共 {len(files)} 个文件：录入 {stored}（其中相近 {near}），重复跳过 {duplicates}，失败 {len(failed)}。"
        )
        if failed:
            raise CommandError(f"{len(failed)} 个文件未能录入。")
