from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhaoshang.demo.loader import DEFAULT_SEED, DEMO_PASSWORD, DemoRefused, load_demo


class Command(BaseCommand):
    help = "Load the deterministic demo (演示数据): the Shapingba 2022-H1 case and 37 synthetic districts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="random seed (same seed, same data)"
        )
        parser.add_argument(
            "--force", action="store_true", help="replace the data even if it is not demo data"
        )

    def handle(self, *args, **options) -> None:
        try:
            load_demo(options["seed"], force=options["force"], progress=self.stdout.write)
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"演示账号：admin / {DEMO_PASSWORD}（市级管理员）；spb_admin、spb_officer、spb_leader 同密码。"
        )
