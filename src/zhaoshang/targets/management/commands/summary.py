from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhaoshang.lib.amounts import format_amount, format_percent
from zhaoshang.lib.periods import PeriodParseError, parse_period
from zhaoshang.regions.models import Region
from zhaoshang.targets.registry import METRICS, as_json, evaluate


def resolve_region(text: str) -> Region:
    """A region by code or (short) name, or a CommandError in Chinese."""
    region = Region.objects.lookup(text)
    if region is None:
        raise CommandError(f"找不到区划“{text}”：请输入 6 位区划代码或名称（如 500106、沙坪坝区、沙坪坝）。")
    return region


class Command(BaseCommand):
    help = "Print the ledger's figures for a region and period (e.g. --region 500106 --period 2022H1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", required=True, help="区划代码或名称，如 500106 / 沙坪坝区 / 沙坪坝")
        parser.add_argument("--period", required=True, help="2022、2022H1、2022Q3、2022-05、2022-01-01..2022-06-30")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options) -> None:
        region = resolve_region(options["region"])
        try:
            period = parse_period(options["period"])
        except PeriodParseError as exc:
            raise CommandError(str(exc)) from exc
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
