"""The base of every `zhaoshang` command: `--help` entirely in Chinese (issue 14).

Django's own options (verbosity, settings, …) and argparse's headings are English; a bureau's IT person
reads the help of our commands, so this base class gives them Chinese text. Each command writes its own
`help` and argument help in Chinese.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand as DjangoBaseCommand
from django.core.management.base import CommandParser

STANDARD_OPTIONS = {
    "help": "显示本帮助并退出",
    "version": "显示版本号并退出",
    "verbosity": "输出详细程度：0 最少，1 正常，2 详细，3 非常详细",
    "settings": "Django 设置模块的 Python 路径（默认取环境变量 DJANGO_SETTINGS_MODULE）",
    "pythonpath": "加入 Python 路径的目录",
    "traceback": "出错时显示完整的调用栈",
    "no_color": "输出不带颜色",
    "force_color": "强制输出带颜色",
    "skip_checks": "跳过系统检查",
}


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="用法：")


def _localise(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = ChineseHelpFormatter
    parser._positionals.title = "位置参数"
    parser._optionals.title = "选项"
    for action in parser._actions:
        if action.dest in STANDARD_OPTIONS:
            action.help = STANDARD_OPTIONS[action.dest]
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _localise(sub)


class BaseCommand(DjangoBaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        _localise(parser)
        return parser
