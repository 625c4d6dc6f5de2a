"""`zhaoshang import KIND FILE [--dry-run] [--map 列=字段 …] [--user NAME]`: the import engine from a shell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from zhaoshang.core.command import BaseCommand
from zhaoshang.records.imports import canonical, importer_for, run_import
from zhaoshang.records.imports.columns import parse_mapping
from zhaoshang.records.imports.kinds import UnknownKind, importer_class
from zhaoshang.records.imports.workbook import template_workbook


class Command(BaseCommand):
    help = (
        "从 .xlsx/.csv（中文表头）导入项目、企业、线索或目标：先逐行检查，"
        "有任何错误则一行也不写入，并以状态 1 退出。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "kind", help="projects | enterprises | leads | targets (或 项目 | 企业 | 线索 | 目标)"
        )
        parser.add_argument("file", help=".xlsx 或 .csv 文件（加 --template 时为模板的写入位置）")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="列=字段",
            help="把文件的表头对应到模板列，如 --map 项目=项目名称（可重复）",
        )
        parser.add_argument("--user", help="以该用户身份导入，限于其管辖区划（默认不限）")
        parser.add_argument("--template", action="store_true", help="改为把空白模板写入 FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            kind = canonical(options["kind"])
        except UnknownKind as exc:
            raise CommandError(
                _("未知的导入类型“%(kind)s”（可用：projects、enterprises、leads、targets）。")
                % {"kind": options["kind"]}
            ) from exc
        path = Path(options["file"])
        if options["template"]:
            cls = importer_class(kind)
            path.write_bytes(template_workbook(cls.columns, str(cls.label)))
            self.stdout.write(_("已写出模板：%(path)s") % {"path": path})
            return
        if not path.is_file():
            raise CommandError(_("找不到文件：%(path)s") % {"path": path})
        try:
            mapping = parse_mapping(options["map"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        report = run_import(
            importer_for(kind, user=self._user(options["user"])),
            path,
            dry_run=options["dry_run"],
            mapping=mapping,
        )
        self._print(report)
        if report.errors:
            raise CommandError(report.summary(), returncode=1)
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def _user(self, username: str | None) -> Any:
        if not username:
            return None
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("找不到用户“%(name)s”。") % {"name": username})
        return user

    def _print(self, report: Any) -> None:
        self.stdout.write(
            _("共 %(n)d 行：新增 %(c)d，更新 %(u)d，未变 %(s)d，拒绝 %(r)d。")
            % {
                "n": report.total_rows,
                "c": report.created,
                "u": report.changed,
                "s": report.unchanged,
                "r": report.rejected,
            }
        )
        for label, count in report.side_effects.items():
            self.stdout.write(f"{label}：{count}")
        for line in report.understood():
            self.stdout.write(line)
        if report.ignored_columns:
            self.stdout.write(_("已忽略的列：%(names)s") % {"names": "、".join(report.ignored_columns)})
        for outcome in report.outcomes:
            if outcome.action == "change":
                details = "；".join(
                    f"{c.column}：{c.old or '（空）'} → {c.new or '（空）'}" for c in outcome.changes
                )
                self.stdout.write(
                    _("第 %(n)d 行 更新 %(label)s：%(details)s")
                    % {"n": outcome.row, "label": outcome.label, "details": details}
                )
        for error in report.errors:
            self.stderr.write(str(error))
