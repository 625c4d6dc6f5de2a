"""`zhaoshang plans create --region 500106 | --all`: give existing signed projects their node plans."""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser

from zhaoshang.core.command import BaseCommand
from zhaoshang.lib.divisions import subtree_prefix
from zhaoshang.plans.services import ensure_plans
from zhaoshang.projects import stages
from zhaoshang.projects.models import Project
from zhaoshang.regions.commands import resolve_region


class Command(BaseCommand):
    help = "节点计划：为已签约但还没有节点计划的项目按模板生成计划（可重复运行，已有计划的项目不变）。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", title="操作", required=True)
        create = sub.add_parser("create", help="为项目生成节点计划")
        where = create.add_mutually_exclusive_group(required=True)
        where.add_argument("--region", help="区划代码或名称（区县，或市级代码表示其下全部区县）")
        where.add_argument("--all", action="store_true", help="全部区划")

    def handle(self, *args, **options) -> None:
        projects = Project.objects.filter(stage__in=stages.SIGNED_OR_LATER).order_by("pk")
        if options["region"]:
            region = resolve_region(options["region"])
            projects = projects.filter(region__code__startswith=subtree_prefix(region.code))
        created, existing, refusals = ensure_plans(projects.select_related("region"))
        for line in refusals:
            self.stderr.write(f"未生成：{line}")
        self.stdout.write(f"新生成节点计划 {created} 个，已有计划 {existing} 个，未生成 {len(refusals)} 个。")
        if refusals and not created and not existing:
            raise CommandError("没有项目生成节点计划。")
