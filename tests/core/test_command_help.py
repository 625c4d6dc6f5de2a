"""Every `zhaoshang` command of the project explains itself in Chinese: its description, each argument,
Django's standard options and argparse's headings (issue 14)."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

CJK = re.compile(r"[\u4e00-\u9fff]")
OURS = sorted((name, app) for name, app in get_commands().items() if app.startswith("zhaoshang."))


def parsers_of(parser: argparse.ArgumentParser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from parsers_of(sub)


def test_the_project_has_commands():
    assert len(OURS) >= 15


@pytest.mark.parametrize(("name", "app"), OURS)
def test_the_help_of_every_command_is_chinese(name, app):
    command = load_command_class(app, name)
    assert CJK.search(command.help), f"{name}: its description is not Chinese"
    for parser in parsers_of(command.create_parser("zhaoshang", name)):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    assert choice.help and CJK.search(choice.help), f"{name} {choice.dest}"
                continue
            assert action.help and CJK.search(action.help), f"{name}: {action.option_strings or action.dest}"
        text = parser.format_help()
        assert text.startswith("用法：") and "show this help" not in text and "options:" not in text


def test_the_help_reads_in_chinese_from_the_shell():
    zhaoshang = str(Path(sys.executable).with_name("zhaoshang"))
    result = subprocess.run([zhaoshang, "backup", "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert (
        result.stdout.startswith("用法：") and "选项" in result.stdout and "显示本帮助并退出" in result.stdout
    )
