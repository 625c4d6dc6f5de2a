from __future__ import annotations

import json

from django.core.management.base import CommandParser

from zhaoshang.core.command import BaseCommand
from zhaoshang.lib.amounts import format_amount, format_percent
from zhaoshang.regions.commands import add_region_period_arguments, region_and_period
from zhaoshang.targets.registry import METRICS, as_json, evaluate


class Command(BaseCommand):
    help = "打印一个区划某期间的台账数字（如 --region 500106 --period 2022H1）。"

    def add_arguments(self, parser: CommandParser) -> None:
        add_region_period_arguments(parser)
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **options) -> None:
        region, period = region_and_period(options)
        values = evaluate(region.code, period)
        if options["json"]:
            payload = {"region": region.code, "region_name": region.name, "period": period.code}
            payload.update(as_json(values))
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{region.name} {period.name_zh}")
        for key, value in values.items():
            metric = METRICS[key]
            if value is None:
                text = "—"
            elif metric.unit == "yuan":
                text = format_amount(value, style="exact")
            elif metric.unit == "usd":
                text = format_amount(value, style="exact", currency="USD")
            elif metric.unit == "ratio":
                text = format_percent(value, style="exact")
            else:
                text = str(value)
            self.stdout.write(f"  {metric.label}：{text}")
