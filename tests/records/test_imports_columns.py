"""Matching a file's header row onto a template's columns, and explicit mappings (--map 项目=项目名称)."""

from __future__ import annotations

import pytest

from zhaoshang.records.imports.columns import Column, normalise, parse_mapping, resolve

COLUMNS = (
    Column("项目名称", "name", required=True, aliases=("项目",)),
    Column("合同投资额", "amount"),
    Column("备注", "notes"),
)


@pytest.mark.parametrize(
    "header", ["合同投资额", " 合同投资额 ", "合同投资额（万元）", "合同投资额(万元)*", "合同 投资额"]
)
def test_headers_are_normalised(header):
    assert normalise(header) == "合同投资额"


def test_headers_match_by_name_alias_or_field_and_unknown_ones_are_ignored():
    layout = resolve(["项目", "amount", "说明"], COLUMNS)
    assert {c.field: p for p, c in layout.positions.items()} == {"name": 0, "amount": 1}
    assert layout.ignored == ["说明"] and not layout.errors


def test_a_missing_required_column_and_a_column_given_twice_are_errors():
    layout = resolve(["合同投资额", "金额"], COLUMNS, {"金额": "合同投资额"})
    assert [e.why for e in layout.errors] == [
        "与“合同投资额”列重复：都对应“合同投资额”。",
        "缺少必需的列“项目名称”。",
    ]


def test_an_explicit_mapping_wins_and_can_ignore_a_column():
    layout = resolve(
        ["工程", "项目名称", "金额"], COLUMNS, {"工程": "项目名称", "项目名称": "-", "金额": "合同投资额"}
    )
    assert {c.field: p for p, c in layout.positions.items()} == {"name": 0, "amount": 2}
    assert layout.ignored == ["项目名称"]


def test_a_mapping_naming_an_absent_header_or_an_unknown_column_is_an_error():
    layout = resolve(["项目名称", "金额"], COLUMNS, {"工程": "项目名称", "金额": "总额"})
    assert [e.why for e in layout.errors] == [
        "列映射中的“工程”不在文件的表头中。",
        "列映射的目标“总额”不是模板中的列。",
    ]


def test_command_line_mappings_are_parsed():
    assert parse_mapping(["项目=项目名称", "金额＝合同投资额，说明="]) == {
        "项目": "项目名称",
        "金额": "合同投资额",
        "说明": "-",
    }
    with pytest.raises(ValueError, match="应写成"):
        parse_mapping(["项目名称"])
