from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhaoshang.lib.amounts import format_amount, format_percent
from zhaoshang.lib.periods import PeriodParseError, parse_period
from zhaoshang.targets.management.commands.summary import resolve_region
from zhaoshang.targets.models import TargetLevel
from zhaoshang.targets.services import as_json, assess_region

LEVEL_NAMES = dict(TargetLevel.choices)


class Command(BaseCommand):
    help = "Assess a region for a period: every metric against its annual target, forecasts, growth, score."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", required=True, help="区划代码或名称")
        parser.add_argument("--period", required=True, help="2022H1、2022Q3、2022-05、2022-06YTD …")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options) -> None:
        region = resolve_region(options["region"])
        try:
            period = parse_period(options["period"])
        except PeriodParseError as exc:
            raise CommandError(str(exc)) from exc
        result = assess_region(region.code, period)
        if options["json"]:
            self.stdout.write(json.dumps(as_json(result), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{region.name} {period.name_zh} 考核（{result.rule_name}）")
        for row in result.rows:
            r = row.result
            if r.target is None:
                continue
            actual = format_amount(r.actual, style="exact") if row.metric.unit == "yuan" else str(r.actual)
            level = LEVEL_NAMES.get(row.level, "")
            line = (f"  {row.metric.label}：{actual}，完成全年{level}的"
                    f"{format_percent(r.completion)}，时序进度 {format_percent(r.time_progress)}")
            if r.completed_early:
                line += "，已提前完成全年目标"
            self.stdout.write(line)
        self.stdout.write(f"  考核得分：{result.score}")
