from __future__ import annotations

from zhaoshang.core.command import BaseCommand
from zhaoshang.industries.services import load_industry_codes
from zhaoshang.regions.services import load_divisions


class Command(BaseCommand):
    help = "载入随附的基础数据：行政区划与 GB/T 4754-2017 国民经济行业分类（可重复运行）。"

    def handle(self, *args, **options) -> None:
        regions = load_divisions()
        codes = load_industry_codes()
        self.stdout.write(f"行政区划 {regions} 条，国民经济行业分类 {codes} 条，已载入。")
