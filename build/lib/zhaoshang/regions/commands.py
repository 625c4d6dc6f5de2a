"""Arguments every reporting command shares: a region and a period, with Chinese errors."""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from zhaoshang.lib.periods import Period, PeriodParseError, parse_period
from zhaoshang.regions.models import Region


def add_region_period_arguments(parser: CommandParser) -> None:
    parser.add_argument("--region", required=True, help="区划代码或名称，如 500106 / 沙坪坝区 / 沙坪坝")
    parser.add_argument(
        "--period",
        required=True,
        help="期间：2022、2022H1、2022Q3、2022-05、2022-06YTD、2022-01-01..2022-06-30",
    )


def resolve_region(text: str) -> Region:
    """A region by code or (short) name, or a CommandError in Chinese."""
    region = Region.objects.lookup(text)
    if region is None:
        raise CommandError(
            _("找不到区划“%(text)s”：请输入 6 位区划代码或名称（如 500106、沙坪坝区、沙坪坝）。")
            % {"text": text}
        )
    return region


def region_and_period(options: dict) -> tuple[Region, Period]:
    region = resolve_region(options["region"])
    try:
        return region, parse_period(options["period"])
    except PeriodParseError as exc:
        raise CommandError(str(exc)) from exc
