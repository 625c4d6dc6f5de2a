"""zhaoshang extract FILE [--json] — the facts of one document, without storing anything."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from zhaoshang.core.command import BaseCommand
from zhaoshang.intake.gazetteer import build_gazetteer
from zhaoshang.intake.reading import IntakeError, read_path
from zhaoshang.intake.services import extract


class Command(BaseCommand):
    help = (
        "提取一篇新闻稿或报告中的数字（类型、指标、数值、限定词、口径、所属、区划、期间、原文位置），"
        "不写入数据库。--json 输出 DESIGN.md 规定的 JSON。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=".txt、.html、.htm 或 .docx 文件")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument(
            "--date", type=date.fromisoformat, help="文档日期（YYYY-MM-DD），默认取正文中的日期"
        )
        parser.add_argument("--no-text", action="store_true", help="JSON 中不含清洗后的正文")
        parser.add_argument(
            "--region",
            help="文档来源区划（6位区划代码，如 500106）：文中“我区”“全区”“全市”等指该区划",
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        try:
            raw = read_path(path)
            if options.get("date"):
                from dataclasses import replace

                raw = replace(raw, published_on=options["date"])
            gazetteer = build_gazetteer()
            result = extract(raw, gazetteer, source_region=self._region(options.get("region"), gazetteer))
        except IntakeError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            data = result.to_json(include_text=not options["no_text"])
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        where = " · ".join(
            filter(
                None,
                [
                    result.title,
                    result.source,
                    result.date and result.date.isoformat(),
                    result.region and result.region.name,
                    result.period and result.period.name,
                ],
            )
        )
        self.stdout.write(where)
        for f in result.facts:
            parent = f" ⊂ {f.parent}" if f.parent else ""
            scope = f"［{f.scope}］" if f.scope else ""
            event = " ［单次活动］" if f.event else ""
            self.stdout.write(f"{f.id:>4} {f.type:<18} {f.label}{scope} {f.text}{parent}{event}")

    def _region(self, code: str | None, gazetteer) -> str | None:
        """The --region code, checked against the division table (a clear Chinese error otherwise)."""
        if not code:
            return None
        code = code.strip()
        known = gazetteer.regions is not None and code in gazetteer.regions.divisions
        if not (len(code) == 6 and code.isdigit()) or not known:
            raise CommandError(f"区划代码无效：{code}（应为6位行政区划代码，且须在区划表中）")
        return code
