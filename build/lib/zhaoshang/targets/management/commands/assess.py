from __future__ import annotations

import json

from django.core.management.base import CommandParser

from zhaoshang.core.command import BaseCommand
from zhaoshang.lib.amounts import format_amount, format_percent
from zhaoshang.regions.commands import add_region_period_arguments, region_and_period
from zhaoshang.targets.models import TargetLevel
from zhaoshang.targets.services import as_json, assess_region

LEVEL_NAMES = dict(TargetLevel.choices)


class Command(BaseCommand):
    help = "考核一个区划某期间：各指标对照全年目标的完成度、预测、增长与考核得分。"

    def add_arguments(self, parser: CommandParser) -> None:
        add_region_period_arguments(parser)
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **options) -> None:
        region, period = region_and_period(options)
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
            line = (
                f"  {row.metric.label}：{actual}，完成全年{level}的"
                f"{format_percent(r.completion)}，时序进度 {format_percent(r.time_progress)}"
            )
            if r.completed_early:
                line += "，已提前完成全年目标"
            self.stdout.write(line)
        self.stdout.write(f"  考核得分：{result.score}")
