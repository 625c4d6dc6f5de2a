"""zhaoshang brief --region 500106 --period 2022H1 [--format txt|md|docx|pdf] [--out FILE]
zhaoshang brief --reference-docx FILE   (the built-in .docx reference, for a bureau to make its own)"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from zhaoshang.core.command import BaseCommand
from zhaoshang.lib.periods import PeriodParseError, parse_period
from zhaoshang.regions.models import Region
from zhaoshang.reports import word
from zhaoshang.reports.render import FORMATS
from zhaoshang.reports.services import build_briefing, filename


class Command(BaseCommand):
    help = (
        "写出一个区县某期间的投资促进简报（数字全部来自台账、目标与产业链图谱，附数据来源）。"
        "txt/md 默认输出到屏幕，docx/pdf 默认写入当前目录。"
        "用 --reference-docx 写出内置的 Word 参考文档（样式、页边距、页码），供本单位修改后在"
        " ZHAOSHANG_BRIEFING_TEMPLATE 中指定。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="区县代码或名称，如 500106、沙坪坝区（必填）")
        parser.add_argument("--period", help="期间，如 2022H1、2022Q3、2022（必填）")
        parser.add_argument("--format", default="txt", choices=list(FORMATS), help="输出格式（默认 txt）")
        parser.add_argument("--out", help="输出文件；txt/md 不给则打印")
        parser.add_argument(
            "--reference-docx", metavar="FILE", help="只写出内置的 Word 参考文档到 FILE（不生成简报）"
        )

    def handle(self, *args, **options) -> None:
        if options.get("reference_docx"):
            self._write(Path(options["reference_docx"]), word.reference_bytes())
            return
        if not options.get("region") or not options.get("period"):
            raise CommandError("请给出 --region 和 --period（或用 --reference-docx 写出参考文档）。")
        code = options["region"].strip()
        region = Region.objects.filter(code=code).first() or Region.objects.filter(name=code).first()
        if region is None:
            raise CommandError(f"找不到区划“{code}”。")
        try:
            period = parse_period(options["period"])
        except PeriodParseError as exc:
            raise CommandError(str(exc)) from exc
        fmt = options["format"]
        package = build_briefing(region=region, period=period, with_charts=fmt in ("docx", "pdf"))
        data = package.render(fmt)
        out = options.get("out")
        if out is None and fmt in ("txt", "md"):
            self.stdout.write(data.decode("utf-8"), ending="")
            return
        self._write(Path(out or filename(region, period, fmt)), data)

    def _write(self, path: Path, data: bytes) -> None:
        try:
            path.write_bytes(data)
        except OSError as exc:  # a missing folder, no permission, a full disk
            raise CommandError(
                f"无法写入 {path}：{exc.strerror or exc}。请检查目录是否存在、是否可写。"
            ) from exc
        self.stdout.write(f"已写出 {path}（{len(data)} 字节）")
