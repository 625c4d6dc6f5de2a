from __future__ import annotations

from django.core.management.base import CommandError, CommandParser

from zhaoshang.core.command import BaseCommand
from zhaoshang.demo.loader import DEFAULT_SEED, DEMO_PASSWORD, DemoRefused, load_demo


class Command(BaseCommand):
    help = "载入确定性的演示数据：沙坪坝区 2022 年上半年案例与 37 个虚构区县。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="随机种子（同一种子生成相同数据）")
        parser.add_argument("--force", action="store_true", help="即使现有数据不是演示数据也覆盖")

    def handle(self, *args, **options) -> None:
        try:
            load_demo(options["seed"], force=options["force"], progress=self.stdout.write)
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"演示账号：admin / {DEMO_PASSWORD}（市级管理员）；spb_admin、spb_officer、spb_leader、spb_fgw（区发改委）同密码。"
        )
