"""The message catalogue: every language offered has one, and the zh_Hans one translates each string to
itself (the source strings are zh-Hans). `make messages-check` compares it with `makemessages`."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from django.conf import settings
from django.utils.translation import to_locale

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("messages_script", ROOT / "scripts" / "messages.py")
messages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(messages)


def test_every_language_offered_has_a_catalogue():
    for code, _name in settings.LANGUAGES:
        po = Path(settings.LOCALE_PATHS[0]) / to_locale(code) / "LC_MESSAGES" / "django.po"
        assert po.is_file(), code


def test_the_committed_catalogue_is_filled():
    text = messages.PO.read_text(encoding="utf-8")
    assert messages.fill(text) == text
    assert len(messages.msgids(text)) > 800


def test_fill_translates_to_itself_with_one_plural_form():
    po = (
        'msgid ""\nmsgstr ""\n"Language: \\n"\n\n'
        '#, python-format\nmsgid "签约项目%(n)s个"\nmsgstr ""\n\n'
        'msgid ""\n"很长的"\n"一句"\nmsgstr ""\n\n'
        'msgid "初始内容（%(n)s 项）"\nmsgid_plural "初始内容（%(n)s 项）"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
        'msgid "已译"\nmsgstr "别的"'
    )
    filled = messages.fill(po)
    assert '"Language: zh_Hans\\n"' in filled
    assert 'msgid "签约项目%(n)s个"\nmsgstr "签约项目%(n)s个"' in filled
    assert 'msgstr ""\n"很长的"\n"一句"' in filled
    assert 'msgstr[0] "初始内容（%(n)s 项）"' in filled and "msgstr[1]" not in filled
    assert 'msgstr "别的"' in filled  # a translation is kept
    assert messages.msgids(filled) == sorted(
        [
            "\x04签约项目%(n)s个\x04",
            "\x04很长的一句\x04",
            "\x04初始内容（%(n)s 项）\x04初始内容（%(n)s 项）",
            "\x04已译\x04",
        ]
    )


def test_scripts_hold_no_chinese_words():
    """A chart's words (series names, units) come from its template, where they are translated."""
    static = Path(settings.STATICFILES_DIRS[0]) / "js"
    for script in static.glob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert not [ch for ch in text if "\u4e00" <= ch <= "\u9fff"], script.name
