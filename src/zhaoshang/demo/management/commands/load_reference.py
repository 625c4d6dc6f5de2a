from __future__ import annotations

from django.core.management.base import BaseCommand

from zhaoshang.industries.services import load_industry_codes
from zhaoshang.regions.services import load_divisions


class Command(BaseCommand):
    help = "Load the shipped reference data: administrative divisions and GB/T 4754-2017 (idempotent)."

    def handle(self, *args, **options) -> None:
        regions = load_divisions()
        codes = load_industry_codes()
        self.stdout.write(f"行政区划 {regions} 条，国民经济行业分类 {codes} 条，已载入。")
