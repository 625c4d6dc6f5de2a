"""`zhaoshang classify`: business scopes (经营范围), one per line, → chain segments (DESIGN.md)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import TextIO

from django.core.management.base import CommandError, CommandParser

from zhaoshang.core.command import BaseCommand
from zhaoshang.lib.classify import default_classifier

BATCH = 10_000


def _lines(stream: TextIO) -> Iterator[list[str]]:
    while batch := [line.rstrip("\r\n") for line in islice(stream, BATCH)]:
        yield batch


class Command(BaseCommand):
    help = "把经营范围（每行一条，标准输入或 --file）归入产业链环节；--json 按 DESIGN.md 的格式输出。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, help="读取该文件（UTF-8，每行一条经营范围），默认读标准输入")
        parser.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
        parser.add_argument("--gbt", help="所有输入共用的国民经济行业代码（4位，可选）")

    def handle(self, *args, **options) -> None:
        classifier = default_classifier()
        path: Path | None = options["file"]
        if path is not None and not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        stream = path.open(encoding="utf-8-sig") if path else sys.stdin
        try:
            for batch in _lines(stream):
                results = classifier.classify_many(batch, None, [options["gbt"]] * len(batch))
                for scope, matches in zip(batch, results, strict=True):
                    if options["json"]:
                        self.stdout.write(
                            json.dumps({"segments": [m.as_json() for m in matches]}, ensure_ascii=False)
                        )
                    else:
                        found = (
                            "；".join(f"{m.chain}/{m.segment} {m.confidence:.2f}" for m in matches)
                            or "（未识别到产业链环节）"
                        )
                        self.stdout.write(f"{scope[:40]}\t{found}")
        except UnicodeDecodeError as exc:
            raise CommandError("输入不是 UTF-8 编码的文本") from exc
        finally:
            if path:
                stream.close()
