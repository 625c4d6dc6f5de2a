"""`zhaoshang universe generate|import`: build the national enterprise universe as Parquet files."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from tqdm import tqdm

from zhaoshang.core.command import BaseCommand
from zhaoshang.lib.universe.generate import generate_universe
from zhaoshang.lib.universe.importer import import_universe, parse_mapping
from zhaoshang.lib.universe.sources import ImportFileError


class Command(BaseCommand):
    help = "全国企业库：generate --rows N --out 目录 --seed S 生成模拟库，或 import 文件 --map 列名=字段 … 导入真实数据。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        gen = sub.add_parser("generate", help="生成模拟全国企业库（Parquet 分片）")
        gen.add_argument("--rows", type=int, required=True, help="企业数量")
        gen.add_argument("--out", type=Path, help="输出目录（默认 UNIVERSE_DIR）")
        gen.add_argument("--seed", type=int, default=1, help="随机种子：同一种子生成相同文件")
        gen.add_argument("--chunk-rows", type=int, default=1_000_000, help="每个分片的行数")
        imp = sub.add_parser("import", help="导入真实企业数据（csv、xlsx、parquet）")
        imp.add_argument("file", type=Path, help="数据文件")
        imp.add_argument("--map", nargs="*", default=[], metavar="列名=字段", help="源列名到字段的映射")
        imp.add_argument("--out", type=Path, help="输出目录（默认 UNIVERSE_DIR）")
        imp.add_argument("--report", type=Path, help="被拒行报告（CSV），默认在输出目录旁")

    def handle(self, *args, **options) -> None:
        out = Path(options["out"] or settings.UNIVERSE_DIR)
        if options["action"] == "generate":
            self._generate(out, options)
        else:
            self._import(out, options)

    def _generate(self, out: Path, options: dict) -> None:
        rows = options["rows"]
        if rows < 1 or rows >= 100_000_000:
            raise CommandError("--rows 应在 1 到 99,999,999 之间")
        if options["chunk_rows"] < 1:
            raise CommandError("--chunk-rows 应为正整数")
        out.parent.mkdir(parents=True, exist_ok=True)
        with tqdm(total=rows, unit="家", desc="生成企业库", disable=None) as bar:
            try:
                summary = generate_universe(
                    rows, out, options["seed"], options["chunk_rows"], progress=bar.update
                )
            except FileExistsError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"已生成 {summary.rows:,} 家模拟企业（名称均带“（模拟）”），产业链环节标注 {summary.segment_rows:,} 条，"
            f"{summary.parts} 个分片，经营范围模板 {summary.templates:,} 条；写入 {summary.out}"
        )

    def _import(self, out: Path, options: dict) -> None:
        try:
            mapping = parse_mapping(options["map"])
            out.parent.mkdir(parents=True, exist_ok=True)
            with tqdm(unit="行", desc="导入企业数据", disable=None) as bar:
                summary = import_universe(
                    options["file"], out, mapping, options["report"], progress=bar.update
                )
        except ImportFileError as exc:
            raise CommandError(f"导入失败：{exc}") from exc
        self.stdout.write(
            f"读取 {summary.rows:,} 行：导入 {summary.accepted:,} 家，拒绝 {summary.rejected:,} 行"
            f"（原因见 {summary.report}），产业链环节标注 {summary.segment_rows:,} 条；写入 {summary.out}"
        )
